using System.Collections.Frozen;
using System.Reflection.Emit;

namespace TorchJit.Codegen;

/// <summary>
/// Number ops lowered to plain IL arithmetic instead of a call: the operands are already loaded as the op's
/// C# parameters (long, double, bool), and each sequence computes exactly what the op's C# body computes
/// (unchecked wrap-around on ints; C#'s NaN rules on floats: <c>a &lt;= b</c> is <c>!(a &gt; b or unordered)</c>).
/// Division, modulo and the Python-semantics ops keep their calls: they raise or floor.
/// </summary>
public static class ScalarOpcodes
{
    private static readonly OpCode[] Add = [OpCodes.Add];
    private static readonly OpCode[] Sub = [OpCodes.Sub];
    private static readonly OpCode[] Mul = [OpCodes.Mul];
    private static readonly OpCode[] Neg = [OpCodes.Neg];
    private static readonly OpCode[] Eq = [OpCodes.Ceq];
    private static readonly OpCode[] Ne = [OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq];
    private static readonly OpCode[] Lt = [OpCodes.Clt];
    private static readonly OpCode[] Gt = [OpCodes.Cgt];
    private static readonly OpCode[] LeInt = [OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq];
    private static readonly OpCode[] GeInt = [OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq];
    private static readonly OpCode[] LeFloat = [OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq]; // NaN: false
    private static readonly OpCode[] GeFloat = [OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq]; // NaN: false

    /// <summary>The IL of each lowered op, by qualified name.</summary>
    public static FrozenDictionary<string, OpCode[]> ByOp { get; } = new Dictionary<string, OpCode[]>
    {
        ["aten::add.int"] = Add,
        ["aten::sub.int"] = Sub,
        ["aten::mul.int"] = Mul,
        ["aten::neg.int"] = Neg,
        ["aten::__and__.int"] = [OpCodes.And],
        ["aten::__or__.int"] = [OpCodes.Or],
        ["aten::__xor__.int"] = [OpCodes.Xor],
        ["aten::add.float"] = Add,
        ["aten::sub.float"] = Sub,
        ["aten::mul.float"] = Mul,
        ["aten::div.float"] = [OpCodes.Div],
        ["aten::neg.float"] = Neg,
        ["aten::eq.int"] = Eq,
        ["aten::ne.int"] = Ne,
        ["aten::lt.int"] = Lt,
        ["aten::le.int"] = LeInt,
        ["aten::gt.int"] = Gt,
        ["aten::ge.int"] = GeInt,
        ["aten::eq.float"] = Eq,
        ["aten::ne.float"] = Ne,
        ["aten::lt.float"] = Lt,
        ["aten::le.float"] = LeFloat,
        ["aten::gt.float"] = Gt,
        ["aten::ge.float"] = GeFloat,
        ["aten::eq.bool"] = Eq,
        ["aten::ne.bool"] = Ne,
        ["aten::__and__.bool"] = [OpCodes.And],
        ["aten::__or__.bool"] = [OpCodes.Or],
        ["aten::__xor__.bool"] = [OpCodes.Xor],
        ["aten::__not__"] = [OpCodes.Ldc_I4_0, OpCodes.Ceq],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
