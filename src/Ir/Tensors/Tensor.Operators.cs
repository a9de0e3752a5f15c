using TorchJit.Ir;

namespace TorchJit;

/// <summary>
/// C# operators. Each runs the op's implementation and records it for a tracer. A number operand is
/// wrapped into a 0-dim tensor first, as PyTorch's eager mode does (so a trace shows it as a
/// <c>Long(requires_grad=0, device=cpu)</c> constant); <c>[Op]</c> names what the scripter emits instead,
/// which, as in TorchScript, is the <c>.Scalar</c> overload.
/// </summary>
public partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    [Op("aten::add.Tensor")]
    public static Tensor operator +(Tensor a, Tensor b) => Dispatch.Record(EagerOps.AddTensor, AtenOps.add(a, b, Scalar.One), a, b, Scalar.One);

    /// <summary>Adds a number.</summary>
    [Op("aten::add.Scalar")]
    public static Tensor operator +(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.AddTensor, AtenOps.add(x, n, Scalar.One), x, n, Scalar.One));

    /// <summary>Adds a number (<c>10 + x</c> is <c>torch.add(x, 10)</c>).</summary>
    [Op("aten::add.Scalar", "other", "self")]
    public static Tensor operator +(Scalar a, Tensor b) => WithNumber(b, a, static (x, n) => Dispatch.Record(EagerOps.AddTensor, AtenOps.add(x, n, Scalar.One), x, n, Scalar.One));

    /// <summary>Elementwise difference with broadcasting.</summary>
    [Op("aten::sub.Tensor")]
    public static Tensor operator -(Tensor a, Tensor b) => Dispatch.Record(EagerOps.SubTensor, AtenOps.sub(a, b, Scalar.One), a, b, Scalar.One);

    /// <summary>Subtracts a number.</summary>
    [Op("aten::sub.Scalar")]
    public static Tensor operator -(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.SubTensor, AtenOps.sub(x, n, Scalar.One), x, n, Scalar.One));

    /// <summary>A number minus a tensor (<c>torch.rsub(x, 5)</c>).</summary>
    [Op("aten::rsub.Scalar", "other", "self")]
    public static Tensor operator -(Scalar a, Tensor b) => Dispatch.Record(EagerOps.RsubScalar, AtenOps.rsub(b, a, Scalar.One), b, a, Scalar.One);

    /// <summary>Negation.</summary>
    [Op("aten::neg")]
    public static Tensor operator -(Tensor a) => Dispatch.Record(EagerOps.Neg, AtenOps.neg(a), a);

    /// <summary>Elementwise product with broadcasting.</summary>
    [Op("aten::mul.Tensor")]
    public static Tensor operator *(Tensor a, Tensor b) => Dispatch.Record(EagerOps.MulTensor, AtenOps.mul(a, b), a, b);

    /// <summary>Multiplies by a number.</summary>
    [Op("aten::mul.Scalar")]
    public static Tensor operator *(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.MulTensor, AtenOps.mul(x, n), x, n));

    /// <summary>Multiplies by a number (<c>2 * x</c> is <c>torch.mul(x, 2)</c>).</summary>
    [Op("aten::mul.Scalar", "other", "self")]
    public static Tensor operator *(Scalar a, Tensor b) => WithNumber(b, a, static (x, n) => Dispatch.Record(EagerOps.MulTensor, AtenOps.mul(x, n), x, n));

    /// <summary>Elementwise true division with broadcasting.</summary>
    [Op("aten::div.Tensor")]
    public static Tensor operator /(Tensor a, Tensor b) => Dispatch.Record(EagerOps.DivTensor, AtenOps.div(a, b), a, b);

    /// <summary>Divides by a number.</summary>
    [Op("aten::div.Scalar")]
    public static Tensor operator /(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.DivTensor, AtenOps.div(x, n), x, n));

    /// <summary>Elementwise <c>a &gt; b</c> (a bool tensor).</summary>
    [Op("aten::gt.Tensor")]
    public static Tensor operator >(Tensor a, Tensor b) => Dispatch.Record(EagerOps.GtTensor, AtenOps.gt(a, b), a, b);

    /// <summary>Elementwise <c>a &lt; b</c> (a bool tensor).</summary>
    [Op("aten::lt.Tensor")]
    public static Tensor operator <(Tensor a, Tensor b) => Dispatch.Record(EagerOps.LtTensor, AtenOps.lt(a, b), a, b);

    /// <summary>Elementwise <c>a &gt; b</c> for a number.</summary>
    [Op("aten::gt.Scalar")]
    public static Tensor operator >(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.GtTensor, AtenOps.gt(x, n), x, n));

    /// <summary>Elementwise <c>a &lt; b</c> for a number.</summary>
    [Op("aten::lt.Scalar")]
    public static Tensor operator <(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.LtTensor, AtenOps.lt(x, n), x, n));

    /// <summary>Elementwise <c>a &gt;= b</c> (a bool tensor).</summary>
    [Op("aten::ge.Tensor")]
    public static Tensor operator >=(Tensor a, Tensor b) => Dispatch.Record(EagerOps.GeTensor, AtenOps.ge(a, b), a, b);

    /// <summary>Elementwise <c>a &lt;= b</c> (a bool tensor).</summary>
    [Op("aten::le.Tensor")]
    public static Tensor operator <=(Tensor a, Tensor b) => Dispatch.Record(EagerOps.LeTensor, AtenOps.le(a, b), a, b);

    /// <summary>Elementwise <c>a &gt;= b</c> for a number.</summary>
    [Op("aten::ge.Scalar")]
    public static Tensor operator >=(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.GeTensor, AtenOps.ge(x, n), x, n));

    /// <summary>Elementwise <c>a &lt;= b</c> for a number.</summary>
    [Op("aten::le.Scalar")]
    public static Tensor operator <=(Tensor a, Scalar b) => WithNumber(a, b, static (x, n) => Dispatch.Record(EagerOps.LeTensor, AtenOps.le(x, n), x, n));

    /// <summary>
    /// The truth value of a one-element tensor (Python's <c>bool(t)</c>), so <c>if (x.sum() &gt; 10)</c> reads
    /// as in PyTorch. A true/false operator pair rather than an implicit conversion: an implicit bool would
    /// make <c>Console.WriteLine(tensor)</c> pick the bool overload. Data-dependent: a trace warns here.
    /// </summary>
    [Op("aten::Bool.Tensor")]
    public static bool operator true(Tensor t) => ToBool(t);

    /// <summary>The negated truth value (used by C# for <c>&amp;&amp;</c>-style evaluation).</summary>
    public static bool operator false(Tensor t) => !ToBool(t);

    /// <summary>The truth value of a one-element tensor, as TorchSharp's explicit conversion.</summary>
    [Op("aten::Bool.Tensor")]
    public static explicit operator bool(Tensor t) => ToBool(t);

    private static bool ToBool(Tensor t)
    {
        bool value = AtenOps.Bool(t);
        return Dispatch.Convert(EagerOps.Bool, t, value, value);
    }

    // The number becomes a 0-dim wrapped tensor first, as PyTorch's eager mode does, so a trace records it as a constant.
    private static Tensor WithNumber(Tensor a, Scalar number, Func<Tensor, Tensor, Tensor> op) => op(a, WrapNumber(number));
}
