using TorchJit.Ir;

namespace TorchJit;

/// <summary>Elementwise math methods with TorchSharp/PyTorch names.</summary>
public partial class Tensor
{
    /// <summary>|x|.</summary>
    [Op("aten::abs")]
    public Tensor abs() => Dispatch.Record(MathOps.Abs, AtenOps.abs(this), this);

    /// <summary>e^x.</summary>
    [Op("aten::exp")]
    public Tensor exp() => Dispatch.Record(MathOps.Exp, AtenOps.exp(this), this);

    /// <summary>ln x.</summary>
    [Op("aten::log")]
    public Tensor log() => Dispatch.Record(MathOps.Log, AtenOps.log(this), this);

    /// <summary>√x.</summary>
    [Op("aten::sqrt")]
    public Tensor sqrt() => Dispatch.Record(MathOps.Sqrt, AtenOps.sqrt(this), this);

    /// <summary>1/√x.</summary>
    [Op("aten::rsqrt")]
    public Tensor rsqrt() => Dispatch.Record(MathOps.Rsqrt, AtenOps.rsqrt(this), this);

    /// <summary>tanh x.</summary>
    [Op("aten::tanh")]
    public Tensor tanh() => Dispatch.Record(MathOps.Tanh, AtenOps.tanh(this), this);

    /// <summary>1 / (1 + e^-x).</summary>
    [Op("aten::sigmoid")]
    public Tensor sigmoid() => Dispatch.Record(MathOps.Sigmoid, AtenOps.sigmoid(this), this);

    /// <summary>erf x.</summary>
    [Op("aten::erf")]
    public Tensor erf() => Dispatch.Record(MathOps.Erf, AtenOps.erf(this), this);

    /// <summary>sin x.</summary>
    [Op("aten::sin")]
    public Tensor sin() => Dispatch.Record(MathOps.Sin, AtenOps.sin(this), this);

    /// <summary>cos x.</summary>
    [Op("aten::cos")]
    public Tensor cos() => Dispatch.Record(MathOps.Cos, AtenOps.cos(this), this);

    /// <summary>x^exponent.</summary>
    [Op("aten::pow.Tensor_Scalar")]
    public Tensor pow(Scalar exponent) => Dispatch.Record(MathOps.PowScalar, AtenOps.pow(this, exponent), this, exponent);

    /// <summary>x^exponent elementwise.</summary>
    [Op("aten::pow.Tensor_Tensor")]
    public Tensor pow(Tensor exponent) => Dispatch.Record(MathOps.PowTensor, AtenOps.pow(this, exponent), this, exponent);

    /// <summary>Clamps into [min, max] (null: unbounded on that side).</summary>
    [Op("aten::clamp")]
    public Tensor clamp(Scalar? min = null, Scalar? max = null) => Dispatch.Record(MathOps.Clamp, AtenOps.clamp(this, min, max), this, min, max);

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    [Op("aten::masked_fill.Scalar")]
    public Tensor masked_fill(Tensor mask, Scalar value) => Dispatch.Record(MathOps.MaskedFill, AtenOps.masked_fill(this, mask, value), this, mask, value);

    private static class MathOps
    {
        public static readonly OpDef Abs = OpRegistry.Get("aten::abs");
        public static readonly OpDef Exp = OpRegistry.Get("aten::exp");
        public static readonly OpDef Log = OpRegistry.Get("aten::log");
        public static readonly OpDef Sqrt = OpRegistry.Get("aten::sqrt");
        public static readonly OpDef Rsqrt = OpRegistry.Get("aten::rsqrt");
        public static readonly OpDef Tanh = OpRegistry.Get("aten::tanh");
        public static readonly OpDef Sigmoid = OpRegistry.Get("aten::sigmoid");
        public static readonly OpDef Erf = OpRegistry.Get("aten::erf");
        public static readonly OpDef Sin = OpRegistry.Get("aten::sin");
        public static readonly OpDef Cos = OpRegistry.Get("aten::cos");
        public static readonly OpDef PowScalar = OpRegistry.Get("aten::pow.Tensor_Scalar");
        public static readonly OpDef PowTensor = OpRegistry.Get("aten::pow.Tensor_Tensor");
        public static readonly OpDef Clamp = OpRegistry.Get("aten::clamp");
        public static readonly OpDef MaskedFill = OpRegistry.Get("aten::masked_fill.Scalar");
    }
}
