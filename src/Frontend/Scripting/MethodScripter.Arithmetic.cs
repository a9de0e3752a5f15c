using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Number arithmetic, comparisons and conversions as TorchScript's scalar ops (<c>aten::add.int</c>,
/// <c>aten::lt.float</c>, <c>aten::Float.int</c>...). Note [C# number semantics]: the graph keeps C#'s
/// meaning, not Python's. Integer <c>/</c> truncates toward zero (<c>aten::__round_to_zero_floordiv</c>,
/// not Python's flooring <c>//</c>) and <c>%</c> takes the sign of the dividend
/// (<c>a - b * (a / b)</c>, not <c>aten::remainder</c>); float <c>%</c> is <c>aten::fmod</c>; float
/// <c>/</c> by zero gives infinity. C# ints are 32 or 64 bits and TorchScript's int is 64: a 32-bit
/// result that overflows wraps in C# but not in the graph (a known difference). <c>float</c>
/// (System.Single) arithmetic and <c>checked</c> arithmetic are refused rather than changed.
/// </summary>
internal sealed partial class MethodScripter
{
    private Value Binary(BinaryNumericInstruction inst, Env env)
    {
        if (inst.CheckForOverflow) throw Error(inst, "checked arithmetic cannot be scripted (the graph does not raise on overflow)");
        if (inst.IsLifted) throw Error(inst, "arithmetic on nullable numbers cannot be scripted");
        if (inst.LeftInputType == StackType.F4 || inst.RightInputType == StackType.F4)
            throw Error(inst, "float (System.Single) arithmetic rounds to 32 bits, but TorchScript's float is 64-bit: use double");
        if (inst.Sign == Sign.Unsigned && inst.Operator is BinaryNumericOperator.Div or BinaryNumericOperator.Rem or BinaryNumericOperator.ShiftRight)
            throw Error(inst, "unsigned arithmetic cannot be scripted");

        // -x: ILAst reads IL's neg as 0 - x, with a zero that has no IL of its own (for floats, 0.0 - x would differ from -x at zero).
        if (inst.Operator == BinaryNumericOperator.Sub && (inst.Left.MatchLdcI4(0) || (inst.Left.MatchLdcI8(out long zero8) && zero8 == 0)))
            return Emit("aten::neg.int", inst, Number(inst.Right, env, IntType.Instance));
        if (inst.Operator == BinaryNumericOperator.Sub && inst.Left is LdcF8 { Value: 0, ILRangeIsEmpty: true })
            return Emit("aten::neg.float", inst, Number(inst.Right, env, FloatType.Instance));

        var hint = IsBoolean(inst.Left) || IsBoolean(inst.Right) ? typeof(bool) : null;
        var left = Expr(inst.Left, env, hint);
        var right = Expr(inst.Right, env, hint);
        if (left.Type is BoolType && right.Type is BoolType)
        {
            return inst.Operator switch
            {
                BinaryNumericOperator.BitAnd => Emit("aten::__and__.bool", inst, left, right),
                BinaryNumericOperator.BitOr => Emit("aten::__or__.bool", inst, left, right),
                BinaryNumericOperator.BitXor => Emit("aten::__xor__.bool", inst, left, right),
                _ => throw Error(inst, $"operator {inst.Operator} on bools is not supported"),
            };
        }

        if (left.Type is IntType && right.Type is IntType)
        {
            switch (inst.Operator)
            {
                case BinaryNumericOperator.Add: return Emit("aten::add.int", inst, left, right);
                case BinaryNumericOperator.Sub: return Emit("aten::sub.int", inst, left, right);
                case BinaryNumericOperator.Mul: return Emit("aten::mul.int", inst, left, right);
                case BinaryNumericOperator.Div: return Emit("aten::__round_to_zero_floordiv.int", inst, left, right);
                case BinaryNumericOperator.Rem:
                    // a % b == a - b * (a / b) with C#'s truncating division.
                    var quotient = Emit("aten::__round_to_zero_floordiv.int", inst, left, right);
                    return Emit("aten::sub.int", inst, left, Emit("aten::mul.int", inst, right, quotient));
                case BinaryNumericOperator.BitAnd: return Emit("aten::__and__.int", inst, left, right);
                case BinaryNumericOperator.BitOr: return Emit("aten::__or__.int", inst, left, right);
                case BinaryNumericOperator.BitXor: return Emit("aten::__xor__.int", inst, left, right);
                default: throw Error(inst, $"integer operator {inst.Operator} is not supported (C# masks shift counts; TorchScript does not)");
            }
        }

        if (left.Type is FloatType && right.Type is FloatType)
        {
            return inst.Operator switch
            {
                BinaryNumericOperator.Add => Emit("aten::add.float", inst, left, right),
                BinaryNumericOperator.Sub => Emit("aten::sub.float", inst, left, right),
                BinaryNumericOperator.Mul => Emit("aten::mul.float", inst, left, right),
                BinaryNumericOperator.Div => Emit("aten::div.float", inst, left, right),
                BinaryNumericOperator.Rem => Emit("aten::fmod.float", inst, left, right),
                _ => throw Error(inst, $"float operator {inst.Operator} is not supported"),
            };
        }

        throw Error(inst, $"arithmetic on {left.Type} and {right.Type} is not supported");
    }

    // An operand that must be a number of the given type.
    private Value Number(ILInstruction inst, Env env, JitType type)
    {
        var value = Expr(inst, env, null);
        return value.Type.Equals(type) ? value : throw Error(inst, $"expected {type}, got {value.Type}");
    }

    private Value Compare(Comp comp, Env env)
    {
        if (comp.LiftingKind != ComparisonLiftingKind.None) throw Error(comp, "comparisons of nullable numbers cannot be scripted");
        if (comp.InputType is StackType.Obj)
        {
            // x == null, x != null: the None check of an optional (a plain tensor is never None).
            var operand = comp.Right is LdNull ? comp.Left : comp.Left is LdNull ? comp.Right : throw Error(comp, "comparing references cannot be scripted (only with null)");
            return IsNone(Expr(operand, env, null), comp.Kind == ComparisonKind.Equality, comp);
        }

        if (comp.Right.MatchLdcI4(0) && comp.Kind is ComparisonKind.Equality or ComparisonKind.Inequality && comp.InputType == StackType.I4)
        {
            // ILAst writes !b as b == 0 (and b as b != 0) for a bool b.
            var operand = Expr(comp.Left, env, typeof(bool));
            if (operand.Type is BoolType) return comp.Kind == ComparisonKind.Inequality ? operand : Emit("aten::__not__", comp, operand);
            if (operand.Type is not IntType) throw Error(comp, $"comparison of a {operand.Type} with 0 is not supported");
            return Emit(comp.Kind == ComparisonKind.Equality ? "aten::eq.int" : "aten::ne.int", comp, operand, graph.InsertConstant(0L));
        }

        if (IsDTypeRead(comp.Left) || IsDTypeRead(comp.Right))
        {
            // x.DType == DType.Bool: prim::dtype gives TorchScript's ScalarType number, so the C# enum constant is mapped to it.
            var read = IsDTypeRead(comp.Left) ? comp.Left : comp.Right;
            var other = read == comp.Left ? comp.Right : comp.Left;
            if (!other.MatchLdcI4(out int constant) || comp.Kind is not (ComparisonKind.Equality or ComparisonKind.Inequality))
                throw Error(comp, "a dtype can only be compared for equality with a DType constant");
            var code = graph.InsertConstant(ScalarTypes.Code((Kernels.DType)constant));
            return Emit(comp.Kind == ComparisonKind.Equality ? "aten::eq.int" : "aten::ne.int", comp, Expr(read, env, null), code);
        }

        if (comp.InputType is StackType.F4) throw Error(comp, "float (System.Single) comparisons cannot be scripted: use double");
        var left = Expr(comp.Left, env, null);
        var right = Expr(comp.Right, env, null);
        if (left.Type is BoolType && right.Type is BoolType && comp.Kind is ComparisonKind.Equality or ComparisonKind.Inequality)
            return Emit(comp.Kind == ComparisonKind.Equality ? "aten::eq.bool" : "aten::ne.bool", comp, left, right);
        string suffix = left.Type is IntType && right.Type is IntType ? "int"
            : left.Type is FloatType && right.Type is FloatType ? "float"
            : throw Error(comp, $"comparing {left.Type} with {right.Type} is not supported");
        if (suffix == "int" && comp.Sign == Sign.Unsigned && comp.Kind is not (ComparisonKind.Equality or ComparisonKind.Inequality))
        {
            // Unsigned order on signed ints (C# writes range checks as (uint)(i - lo) <= n): 32-bit values
            // are masked to their unsigned value; 64-bit ones have the sign bit flipped.
            var (flip, op) = comp.InputType == StackType.I4 ? (0xFFFF_FFFFL, "aten::__and__.int") : (long.MinValue, "aten::__xor__.int");
            left = Emit(op, comp, left, graph.InsertConstant(flip));
            right = Emit(op, comp, right, graph.InsertConstant(flip));
        }

        if (suffix == "float" && comp.Sign == Sign.Unsigned && comp.Kind is not (ComparisonKind.Equality or ComparisonKind.Inequality))
        {
            // An unordered comparison (true when either side is NaN) is the negation of the opposite ordered one.
            string opposite = comp.Kind switch
            {
                ComparisonKind.LessThan => "ge",
                ComparisonKind.LessThanOrEqual => "gt",
                ComparisonKind.GreaterThan => "le",
                _ => "lt",
            };
            return Emit("aten::__not__", comp, Emit($"aten::{opposite}.float", comp, left, right));
        }

        string name = comp.Kind switch
        {
            ComparisonKind.Equality => "eq",
            ComparisonKind.Inequality => "ne",
            ComparisonKind.LessThan => "lt",
            ComparisonKind.LessThanOrEqual => "le",
            ComparisonKind.GreaterThan => "gt",
            _ => "ge",
        };
        return Emit($"aten::{name}.{suffix}", comp, left, right);
    }

    private static bool IsDTypeRead(ILInstruction inst) => inst is CallInstruction { Method.Name: "get_DType" } call && call.Method.DeclaringType.FullName == typeof(Tensor).FullName;

    // `x is null` on a value whose type says whether it can be None: constant for Tensor and None, aten::__is__ for an optional.
    private Value IsNone(Value value, bool isNone, ILInstruction at)
    {
        if (value.Type is NoneType) return graph.InsertConstant(isNone);
        if (value.Type is not OptionalType) return graph.InsertConstant(!isNone);
        if (value.Type is not OptionalType { Element: TensorType }) throw Error(at, $"None checks of {value.Type} are not supported (only Tensor?)");
        return Emit(isNone ? "aten::__is__" : "aten::__isnot__", at, value, graph.InsertConstant(null));
    }

    private Value Convert(Conv conv, Env env, Type? expected)
    {
        if (conv.CheckForOverflow) throw Error(conv, "checked conversions cannot be scripted");
        if (conv.IsLifted) throw Error(conv, "conversions of nullable numbers cannot be scripted");
        switch (conv.Kind)
        {
            case ConversionKind.ZeroExtend when conv.InputType == StackType.I4 && conv.TargetType is PrimitiveType.I8 or PrimitiveType.U8:
                // A 32-bit value read as unsigned.
                return Emit("aten::__and__.int", conv, Number(conv.Argument, env, IntType.Instance), graph.InsertConstant(0xFFFF_FFFFL));
            case ConversionKind.SignExtend or ConversionKind.Truncate or ConversionKind.Nop
                when conv.InputType is StackType.I4 or StackType.I8 && conv.TargetType is PrimitiveType.I4 or PrimitiveType.I8 or PrimitiveType.U4 or PrimitiveType.U8:
                // int <-> long: the same TorchScript int (see Note [C# number semantics] for overflow).
                return Number(conv.Argument, env, IntType.Instance);
            case ConversionKind.IntToFloat when conv.TargetType == PrimitiveType.R8 && conv.InputSign != Sign.Unsigned:
                return Emit("aten::Float.int", conv, Number(conv.Argument, env, IntType.Instance));
            case ConversionKind.FloatToInt when conv.TargetType is PrimitiveType.I4 or PrimitiveType.I8 && conv.InputType == StackType.F8:
                // (long)d truncates toward zero, as Python's int(d).
                return Emit("aten::Int.float", conv, Number(conv.Argument, env, FloatType.Instance));
            case ConversionKind.FloatPrecisionChange when conv.TargetType == PrimitiveType.R8:
                return Number(conv.Argument, env, FloatType.Instance);
            case ConversionKind.FloatPrecisionChange or ConversionKind.IntToFloat when conv.TargetType == PrimitiveType.R4:
                throw Error(conv, "conversion to float (System.Single) rounds to 32 bits, but TorchScript's float is 64-bit: use double");
            default:
                throw Error(conv, $"conversion {conv.InputType} -> {conv.TargetType} is not supported");
        }
    }
}
