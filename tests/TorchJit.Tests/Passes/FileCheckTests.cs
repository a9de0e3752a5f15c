using TorchJit.Ir;

namespace TorchJit.Tests.Passes;

/// <summary>Every FileCheck directive, passing and failing: a FileCheck that cannot fail checks nothing.</summary>
public sealed class FileCheckTests
{
    private const string Output = """
        graph(%x : Tensor):
          %1 : int = prim::Constant[value=1]()
          %2 : Tensor = aten::add(%x, %x, %1)
          %3 : Tensor = aten::mul(%2, %2)
          %4 : Tensor = aten::mul(%3, %x)
          %5 : Tensor = aten::relu(%4)
          return (%5)

        """;

    [Fact]
    public void CheckFindsInOrder()
    {
        new FileCheck().Check("aten::add").Check("aten::mul").Check("aten::relu").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("aten::relu").Check("aten::add").Run(Output));
        Assert.StartsWith("Expected to find \"aten::add\" but did not find it\nSearched string:\n", e.Message);
        Assert.Contains("From CHECK: aten::add\n", e.Message);
    }

    [Fact]
    public void CheckNextMustBeOnTheFollowingLine()
    {
        new FileCheck().Check("aten::add").CheckNext("aten::mul(%2, %2)").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("aten::add").CheckNext("aten::relu").Run(Output));
        Assert.Contains("Expected to find \"aten::relu\" on the line after the previous match, but the next one is on a later line", e.Message);
        Assert.Contains("From CHECK-NEXT: aten::relu", e.Message);
    }

    [Fact]
    public void CheckSameMustBeOnTheSameLine()
    {
        new FileCheck().Check("%3 : Tensor").CheckSame("aten::mul").CheckSame("(%2, %2)").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("%2 : Tensor").CheckSame("aten::mul").Run(Output));
        Assert.Contains("on the same line as the previous match", e.Message);
        Assert.Contains("From CHECK-SAME: aten::mul", e.Message);
    }

    [Fact]
    public void CheckNotHoldsBetweenTheNeighbouringMatches()
    {
        // relu is absent between add and the first mul, though present later.
        new FileCheck().Check("aten::add").CheckNot("aten::relu").Check("aten::mul").Run(Output);
        // A trailing NOT holds to the end.
        new FileCheck().Check("aten::relu").CheckNot("aten::mul").Run(Output);
        // A leading NOT holds from the start.
        new FileCheck().CheckNot("aten::sub").Check("return").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("aten::add").CheckNot("aten::mul").Check("aten::relu").Run(Output));
        Assert.StartsWith("Expected to not find \"aten::mul\" but found it\n", e.Message);
        Assert.Contains("~~~~~~~~~ <--- HERE", e.Message);
        Assert.Contains("From CHECK-NOT: aten::mul", e.Message);
    }

    [Fact]
    public void CheckCountFindsNInARow()
    {
        new FileCheck().CheckCount("aten::mul", 2).Check("aten::relu").Run(Output);
        // Not exactly: a third would be allowed, and two of three is enough.
        new FileCheck().CheckCount("Tensor = aten::", 3).Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().CheckCount("aten::mul", 3).Run(Output));
        Assert.Contains("Expected to find \"aten::mul\" 3 times but found it 2 times", e.Message);
        Assert.Contains("From CHECK-COUNT-3: aten::mul", e.Message);
    }

    [Fact]
    public void CheckCountExactlyAllowsNoMore()
    {
        new FileCheck().CheckCount("aten::mul", 2, exactly: true).Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().CheckCount("Tensor = aten::", 3, exactly: true).Run(Output));
        Assert.Contains("Expected to not find \"Tensor = aten::\" but found it", e.Message);
    }

    [Fact]
    public void CheckDagMatchesInAnyOrderAndMovesPastTheLast()
    {
        new FileCheck().CheckDag("aten::relu").CheckDag("aten::add").CheckNext("return").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().CheckDag("aten::relu").CheckDag("aten::add").Check("aten::mul").Run(Output));
        Assert.Contains("Expected to find \"aten::mul\" but did not find it", e.Message);
        var missing = Assert.Throws<FileCheckException>(() => new FileCheck().CheckDag("aten::relu").CheckDag("aten::sub").Run(Output));
        Assert.Contains("From CHECK-DAG: aten::sub", missing.Message);
    }

    [Fact]
    public void CheckRegexMatchesAPattern()
    {
        new FileCheck().CheckRegex(@"%\d+ : Tensor = aten::mul\(%3, %x\)").Run(Output);

        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("aten::relu").CheckRegex(@"aten::(add|mul)").Run(Output));
        Assert.Contains("Expected to find a match of /aten::(add|mul)/", e.Message);
    }

    [Fact]
    public void AnnotationsInIrTextAreParsedAndRun()
    {
        const string checks = """
            # CHECK: aten::add
            # CHECK-NEXT: aten::mul
            #   CHECK-SAME: (%2, %2)
            # CHECK-NOT: aten::sub
            # CHECK-COUNT-EXACTLY-1: aten::mul(%3
            # CHECK-DAG: return
            # CHECK-DAG: aten::relu
            # CHECK-REGEX: \)\n$
            """;

        var fileCheck = FileCheck.Parse(checks);
        Assert.Equal(
            ["CHECK: aten::add", "CHECK-NEXT: aten::mul", "CHECK-SAME: (%2, %2)", "CHECK-NOT: aten::sub", "CHECK-COUNT-1: aten::mul(%3", "CHECK-NOT: aten::mul(%3", "CHECK-DAG: return", "CHECK-DAG: aten::relu", @"CHECK-REGEX: \)\n$"],
            fileCheck.Directives);
        fileCheck.Run(Output);
        FileCheck.Run(checks, IrParser.Parse(Output));
    }

    [Fact]
    public void FailingAnnotationsFail()
    {
        var e = Assert.Throws<FileCheckException>(() => FileCheck.Run("# CHECK: aten::relu\n# CHECK-NEXT: aten::add", Output));
        Assert.Contains("From CHECK-NEXT: aten::add", e.Message);
    }

    [Fact]
    public void CommentsThatAreNotChecksAreIgnoredButMisspelledChecksAreErrors()
    {
        FileCheck.Run("# RUN: nothing\n# a comment about CHECK lines\n# CHECK: aten::add", Output);

        var e = Assert.Throws<FileCheckException>(() => FileCheck.Parse("# CHECK-NXT: aten::add"));
        Assert.StartsWith("Could not parse check at:", e.Message);
    }

    [Fact]
    public void NoChecksIsAnError()
    {
        var e = Assert.Throws<FileCheckException>(() => FileCheck.Run("# nothing to see", Output));
        Assert.Contains("No checks have been added", e.Message);
    }

    [Fact]
    public void AFailureShowsTheOutput()
    {
        var e = Assert.Throws<FileCheckException>(() => new FileCheck().Check("aten::conv2d").Run(Output));
        Assert.EndsWith("--- output ---\n" + Output, e.Message);
    }
}
