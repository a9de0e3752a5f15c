using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

/// <summary>
/// PyTorch's own printer output as the golden text: each archive's <c>code/*.py</c> was written by
/// <c>torch.jit.save</c>. The graph PyTorch printed from is rebuilt here as IR text (what scripting or
/// tracing the archive's Python source produces), printed with <see cref="CodePrinter"/> as a class body
/// prints it (<c>self</c> annotated, one level in), and compared byte for byte with the methods in the
/// archive (the class header lines before the first <c>def</c> are not compared).
/// </summary>
public sealed class GoldenCodeTests
{
    public static TheoryData<string> Cases => [.. GoldenGraphs.All.Keys.Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsWhatPyTorchPrinted(string name)
    {
        var golden = GoldenGraphs.All[name];
        string expected = MethodsOf(Fixtures.ArchiveText(golden.Archive, golden.Entry));
        var methods = golden.Methods.Select(m => (m.Name, IrParser.Parse(m.Ir))).ToArray();

        string actual = CodePrinter.PrintMethods(methods, [], new CodePrintOptions { SelfType = true, Level = 1 });

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenGraphsRoundTrip(string name)
    {
        foreach (var (_, ir) in GoldenGraphs.All[name].Methods)
        {
            string printed = IrParser.Parse(ir).ToString();
            Assert.Equal(printed, IrParser.Parse(printed).ToString());
        }
    }

    [Fact]
    public void ModuleCodeIsTheSameMethodOneLevelOutWithoutSelfsType()
    {
        var graph = IrParser.Parse(GoldenGraphs.All["tchrs_foo3"].Methods[0].Ir);

        Assert.Equal(
            """
            def forward(self,
                x: Tensor) -> Tensor:
              result = torch.select(x, 0, 0)
              result0 = result
              for i in range(torch.size(x, 0)):
                if bool(i):
                  result2 = torch.mul(result0, torch.select(x, 0, i))
                  result1 = result2
                else:
                  result1 = result0
                result0 = result1
              return result0

            """,
            CodePrinter.Print("forward", graph, []));
    }

    [Fact]
    public void TheFortyCharacterRuleDependsOnTheIndent()
    {
        // linrelu's Sequential.forward: 36 characters of call, split at level 2 (an archive) but not at level 1 (module.code).
        var graph = IrParser.Parse(GoldenGraphs.All["linrelu"].Methods[0].Ir);

        Assert.Contains("    _2 = (_1).forward((_0).forward(input, ), )\n    return _2\n", CodePrinter.Print("forward", graph, [], new CodePrintOptions { Level = 1 }));
        Assert.Contains("  return (_1).forward((_0).forward(input, ), )\n", CodePrinter.Print("forward", graph, []));
    }

    // The archive's methods: from the first 'def' on, with the class header (__parameters__, attributes) left out.
    private static string MethodsOf(string archiveText)
    {
        var lines = archiveText.Split('\n');
        int first = Array.FindIndex(lines, l => l.StartsWith("  def ", StringComparison.Ordinal));
        return string.Join("\n", lines[first..]);
    }
}
