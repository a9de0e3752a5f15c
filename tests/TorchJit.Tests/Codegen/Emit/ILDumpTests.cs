using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Tests.Passes;

namespace TorchJit.Tests.Codegen.Emit;

/// <summary>
/// <see cref="ILDump"/>'s settings are process-wide, so the tests that change them run alone, after the
/// parallel ones, and put them back.
/// </summary>
[CollectionDefinition(nameof(ILDumpSettings), DisableParallelization = true)]
public sealed class ILDumpSettings;

/// <summary>
/// The <c>TORCHJIT_DUMP_IL</c> knob: which names a selection picks, and what <see cref="ILDump.Open"/> and
/// <see cref="ILDump.Close"/> do for selected, forced and unselected methods.
/// </summary>
[Collection(nameof(ILDumpSettings))]
public sealed class ILDumpTests : IDisposable
{
    private readonly string? savedSelection = ILDump.Selection;
    private readonly TextWriter savedWriter = ILDump.Writer;
    private readonly bool savedVerifyAll = ILDump.VerifyAll;
    private readonly StringWriter output = new();

    public ILDumpTests()
    {
        ILDump.Writer = output;
        ILDump.Selection = null;
        ILDump.VerifyAll = false;
    }

    public void Dispose()
    {
        ILDump.Selection = savedSelection;
        ILDump.Writer = savedWriter;
        ILDump.VerifyAll = savedVerifyAll;
        output.Dispose();
    }

    [Theory]
    [InlineData("*", "graph", true)]
    [InlineData("*", "fusion_group_3", true)]
    [InlineData("graph", "graph", true)]
    [InlineData("graph", "graph2", false)] // exact names are not prefixes
    [InlineData("graph", "Graph", false)] // nor case-insensitive
    [InlineData("fusion*", "fusion_group_3", true)]
    [InlineData("fusion*", "fusion", true)]
    [InlineData("fusion*", "graph", false)]
    [InlineData("graph,fusion_group_1", "fusion_group_1", true)]
    [InlineData(" graph , fusion_* ", "fusion_group_7", true)] // spaces around entries are ignored
    [InlineData("graph,fusion_group_1", "fusion_group_2", false)]
    [InlineData("graph,,", "graph", true)]
    [InlineData("", "graph", false)]
    [InlineData(",", "graph", false)]
    [InlineData(null, "graph", false)]
    public void SelectsByNamePrefixOrAll(string? selection, string name, bool selected) =>
        Assert.Equal(selected, ILDump.Matches(selection, name));

    [Fact]
    public void SelectionIsSettable()
    {
        ILDump.Selection = "clamp,fusion_*";

        Assert.Equal("clamp,fusion_*", ILDump.Selection);
        Assert.True(ILDump.IsSelected("fusion_group_0"));
        Assert.False(ILDump.IsSelected("graph"));
    }

    [Fact]
    public void AnUnselectedMethodIsNeitherRecordedNorPrinted()
    {
        ILDump.Selection = "something_else";
        var (method, il) = Open("clamp");

        Assert.IsType<ILGeneratorEmitter>(il);
        SampleMethods.EmitClamp(il);
        ILDump.Close(il);

        Assert.Null(ILDump.Listing(il));
        Assert.Equal("", output.ToString());
        Assert.Equal(2, method.CreateDelegate<Func<long, long, long>>()(2, 3));
    }

    [Fact]
    public void ASelectedMethodIsPrintedOnCloseAndStillRuns()
    {
        ILDump.Selection = "cl*";
        var (method, il) = Open("clamp");

        SampleMethods.EmitClamp(il);
        Assert.Equal("", output.ToString()); // nothing before Close
        ILDump.Close(il);

        new FileCheck()
            .Check("// torchjit_clamp(System.Int64, System.Int64) -> System.Int64")
            .Check("IL_0004: blt IL_000b")
            .Check("IL_001a: ret")
            .Run(output.ToString());
        Assert.Equal(ILDump.Listing(il) + Environment.NewLine, output.ToString());
        Assert.Equal(0, method.CreateDelegate<Func<long, long, long>>()(-4, 3));
    }

    [Fact]
    public void TheMethodsOwnNameSelectsItToo()
    {
        ILDump.Selection = "torchjit_clamp";
        var (_, il) = Open("clamp");

        SampleMethods.EmitClamp(il);
        ILDump.Close(il);

        Assert.Contains("// torchjit_clamp(", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RecordForcesAPrintedListing()
    {
        var (_, il) = Open("clamp", record: true);

        SampleMethods.EmitClamp(il);
        ILDump.Close(il);

        Assert.NotNull(ILDump.Recorder(il));
        Assert.Contains("IL_001a: ret", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyAllRecordsAndChecksButPrintsNothing()
    {
        ILDump.VerifyAll = true;
        var (_, good) = Open("clamp");
        SampleMethods.EmitClamp(good);
        ILDump.Close(good);

        Assert.Contains("IL_001a: ret", ILDump.Listing(good), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());

        var (_, bad) = Open("broken");
        bad.Emit(OpCodes.Ret); // a long-returning method returning nothing
        var error = Assert.Throws<InvalidOperationException>(() => ILDump.Close(bad));
        Assert.Contains("IL check failed in torchjit_broken at #0 IL_0000 ret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseRejectsBadILBeforeItIsPrinted()
    {
        ILDump.Selection = "*";
        var (_, il) = Open("broken");
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ret);

        var error = Assert.Throws<InvalidOperationException>(() => ILDump.Close(il));
        Assert.Contains("stack underflow: pops 2 with depth 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    private static (DynamicMethod Method, IILEmitter Emitter) Open(string name, bool record = false)
    {
        var method = new DynamicMethod("torchjit_" + name, typeof(long), SampleMethods.ClampParameters, typeof(ILDumpTests).Module);
        return (method, ILDump.Open(method, name, typeof(long), SampleMethods.ClampParameters, record));
    }
}
