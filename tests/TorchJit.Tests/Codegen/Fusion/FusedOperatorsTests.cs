using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using TorchJit.Codegen;
using TorchJit.Ir;

namespace TorchJit.Tests.Codegen.Fusion;

/// <summary>
/// <see cref="FusedOperators"/> mirrors <c>FusibleOps.Lower</c>: for every kind the fuser accepts, both pick the
/// same operator struct and the same operands (rsub's swap, gelu's mode, pow's ±0.5 specials included). The
/// sweep's table is private, so the test reads it by reflection; a kind added there and not here fails.
/// </summary>
public sealed class FusedOperatorsTests
{
    private static readonly MethodInfo SweepLower = typeof(FusibleOps).GetMethod("Lower", BindingFlags.NonPublic | BindingFlags.Static)!;

    // One node per case, over the operand types the schemas take.
    private static readonly string[] Cases =
    [
        .. SweepKinds("Unary").Select(k => $"%r : Tensor = {k}(%x)"),
        .. SweepKinds("Binary").Where(k => k is not ("aten::add" or "aten::sub" or "aten::pow" or "aten::leaky_relu")).Select(k => $"%r : Tensor = {k}(%x, %y)"),
        "%r : Tensor = aten::add(%x, %y, %one)",
        "%r : Tensor = aten::add(%x, %k, %one)",
        "%r : Tensor = aten::sub(%x, %y, %one)",
        "%r : Tensor = aten::rsub(%x, %k, %one)",
        "%r : Tensor = aten::rsub(%x, %half, %one)",
        "%r : Tensor = aten::leaky_relu(%x, %k)",
        "%r : Tensor = aten::gelu(%x, %none)",
        "%r : Tensor = aten::gelu(%x, %tanh)",
        "%r : Tensor = aten::pow(%x, %half)",
        "%r : Tensor = aten::pow(%x, %neghalf)",
        "%r : Tensor = aten::pow(%x, %two)",
        "%r : Tensor = aten::pow(%x, %y)",
    ];

    public static TheoryData<string> Nodes => [.. Cases];

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Both_tables_lower_a_node_to_the_same_operator_and_operands(string line)
    {
        var n = NodeOf(line);
        Assert.Null(FusibleOps.WhyNot(n));
        var sweep = (ITuple)SweepLower.Invoke(null, [n])!;
        var chunkOp = sweep[0]!.GetType();    // UnaryChunkOp<TOp> or BinaryChunkOp<TOp>
        var operands = (int[])sweep[1]!;
        var mine = FusedOperators.Lower(n);
        Assert.NotNull(mine);
        Assert.Equal(chunkOp.GetGenericArguments()[0], mine.Value.Operator);
        Assert.Equal(operands, mine.Value.Operands);
    }

    [Fact]
    public void Every_kind_the_fuser_knows_is_covered()
    {
        string[] special = ["aten::gelu", "aten::rsub"];
        foreach (var kind in SweepKinds("Unary").Concat(SweepKinds("Binary")).Concat(special))
            Assert.Contains(Cases, c => c.Contains($"= {kind}(", StringComparison.Ordinal));
    }

    private static IEnumerable<string> SweepKinds(string table)
    {
        var field = typeof(FusibleOps).GetField(table, BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (DictionaryEntry e in (IDictionary)field.GetValue(null)!) yield return (string)e.Key;
    }

    private static Node NodeOf(string line)
    {
        var g = IrParser.Parse($"""
            graph(%x : Tensor,
                  %y : Tensor,
                  %k : float):
              %one : int = prim::Constant[value=1]()
              %two : int = prim::Constant[value=2]()
              %half : float = prim::Constant[value=0.5]()
              %neghalf : float = prim::Constant[value=-0.5]()
              %none : str = prim::Constant[value="none"]()
              %tanh : str = prim::Constant[value="tanh"]()
              {line}
              return (%r)
            """);
        return g.Outputs[0].Node;
    }
}
