namespace TorchJit.Onnx;

/// <summary>
/// TorchScript's number ops (<c>int</c>, <c>float</c>, <c>bool</c> values) on 0-d tensors: Python's floor
/// division and modulo, logic, and conversions between numbers and one-element tensors.
/// </summary>
internal static partial class Symbolics
{
    private static void AddNumbers(Dictionary<string, Symbolic> t)
    {
        // a // b = floor(a / b), computed in double: exact for |a|, |b| < 2^53.
        t["aten::floordiv.int"] = c =>
        {
            var a = c.In(0, ElemType.Double);
            var b = c.In(1, ElemType.Double);
            string floor = c.Emit("Floor", [c.Emit("Div", [a.Name, b.Name])]);
            c.Bind(0, new Exported(c.Emit("Cast", [floor], Attr.Int("to", (long)ElemType.Int64)), ElemType.Int64, 0, IsNumber: true));
        };
        // C#'s a / b on ints truncates, as ONNX integer Div does.
        t["aten::__round_to_zero_floordiv.int"] = c => NumberBinary(c, "Div", ElemType.Int64);
        // Python's a % b takes the divisor's sign: ONNX Mod with fmod=0.
        t["aten::remainder.int"] = c => NumberBinary(c, "Mod", ElemType.Int64, Attr.Int("fmod", 0));
        t["aten::fmod.float"] = c => NumberBinary(c, "Mod", ElemType.Double, Attr.Int("fmod", 1));
        t["aten::__not__"] = c => c.Bind(0, new Exported(c.Emit("Not", [c.In(0, ElemType.Bool).Name]), ElemType.Bool, 0, IsNumber: true));
        t["aten::__and__.bool"] = c => NumberBinary(c, "And", ElemType.Bool);
        t["aten::__or__.bool"] = c => NumberBinary(c, "Or", ElemType.Bool);
        t["aten::__xor__.bool"] = c => NumberBinary(c, "Xor", ElemType.Bool);
        t["aten::__and__.int"] = c => BitwiseInt(c, "BitwiseAnd");
        t["aten::__or__.int"] = c => BitwiseInt(c, "BitwiseOr");
        t["aten::__xor__.int"] = c => BitwiseInt(c, "BitwiseXor");

        // Conversions. A tensor read as a number must have one element: Reshape to [] says so (and fails otherwise, as item() does).
        t["aten::Int"] = c => ToNumber(c, ElemType.Int64);
        t["aten::Float"] = c => ToNumber(c, ElemType.Double);
        t["aten::Bool"] = c => ToNumber(c, ElemType.Bool);
        t["aten::item"] = c => ToNumber(c, null);
    }

    private static void NumberBinary(NodeContext c, string op, ElemType type, params Proto.AttributeProto[] attributes)
    {
        var a = c.In(0, type);
        var b = c.In(1, type);
        c.Bind(0, new Exported(c.Emit(op, [a.Name, b.Name], attributes), type, 0, IsNumber: true));
    }

    private static void BitwiseInt(NodeContext c, string op)
    {
        if (c.Opset < 18) throw c.Fail($"needs ONNX {op}, which opset 18 introduced; export with opset 18 or later");
        NumberBinary(c, op, ElemType.Int64);
    }

    private static void ToNumber(NodeContext c, ElemType? type)
    {
        var x = c.In(0);
        string name = x.Rank == 0 ? x.Name : c.Emit("Reshape", [x.Name, Constants.Ints(c.Scope)]);
        // int(x) of a float truncates toward zero, as ONNX Cast from float to int does.
        var scalar = new Exported(name, x.Type, 0, IsNumber: true);
        c.Bind(0, type is { } t ? c.Scope.Cast(scalar, t) with { IsNumber = true } : scalar);
    }
}
