using TorchJit.Codegen;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;
using TorchJit.Tests.Codegen.Emit;

namespace TorchJit.Tests.Codegen;

/// <summary>
/// Number ops compile to plain IL arithmetic (no call), computing exactly what the op's C# body computes, on
/// the values where the rules differ: int overflow, NaN, signed zeros, infinities.
/// </summary>
[Collection(nameof(ILDumpSettings))]
public sealed class ScalarOpcodeTests
{
    private static readonly IValue[] Ints = [.. new long[] { 0, 1, -1, 7, -7, long.MaxValue, long.MinValue }.Select(IValue.From)];
    private static readonly IValue[] Floats = [.. new[] { 0.0, -0.0, 1.5, -2.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity }.Select(IValue.From)];
    private static readonly IValue[] Bools = [IValue.From(false), IValue.From(true)];

    public static TheoryData<string> Ops => [.. ScalarOpcodes.ByOp.Keys];

    [Theory]
    [MemberData(nameof(Ops))]
    public void LoweredOpMatchesItsImplementationWithoutACall(string name)
    {
        var op = OpRegistry.Get(name);
        var g = new Graph();
        var inputs = op.Schema.Arguments.Select(a => g.AddInput(a.Type)).ToList();
        var n = g.Block.Append(g.CreateOp(op, inputs));
        g.AddOutput(n.Output);

        var saved = (ILDump.Selection, ILDump.Writer);
        var listing = new StringWriter();
        Func<IValue[], IValue[]> run;
        try
        {
            ILDump.Selection = "scalar_op_test";
            ILDump.Writer = listing;
            run = GraphCompiler.CompileGraph(g, "scalar_op_test");
        }
        finally
        {
            (ILDump.Selection, ILDump.Writer) = saved;
        }

        Assert.DoesNotContain(op.Implementation.Name, listing.ToString());
        foreach (var args in Combinations(op.Schema.Arguments.Select(a => Values(a.Type)).ToList()))
        {
            var expected = op.Invoke(args);
            var actual = run(args)[0];
            Assert.True(Same(expected, actual), $"{name}({string.Join(", ", args.Select(a => a.ToString()))}): {actual} instead of {expected}");
        }
    }

    private static IValue[] Values(JitType t) => t switch
    {
        IntType => Ints,
        FloatType => Floats,
        _ => Bools,
    };

    private static IEnumerable<IValue[]> Combinations(List<IValue[]> choices) =>
        choices.Count == 1 ? choices[0].Select(v => new[] { v })
        : choices[0].SelectMany(a => choices[1].Select(b => new[] { a, b }));

    private static bool Same(IValue a, IValue b) => a.Kind switch
    {
        IValueKind.Double => BitConverter.DoubleToInt64Bits(a.ToDouble()) == BitConverter.DoubleToInt64Bits(b.ToDouble())
            || (double.IsNaN(a.ToDouble()) && double.IsNaN(b.ToDouble())),
        IValueKind.Int => a.ToInt() == b.ToInt(),
        _ => a.ToBool() == b.ToBool(),
    };
}
