using TorchJit.Ir;

namespace TorchJit;

/// <summary>Tensor methods with TorchSharp's names.</summary>
public partial class Tensor
{
    /// <summary>Sum of all elements, as a 0-dim tensor.</summary>
    [Op("aten::sum")]
    public Tensor sum() => Dispatch.Record(EagerOps.Sum, AtenOps.sum(this, null), this, IValue.None);

    /// <summary><c>max(x, 0)</c> elementwise.</summary>
    [Op("aten::relu")]
    public Tensor relu() => Dispatch.Record(EagerOps.Relu, AtenOps.relu(this), this);

    /// <summary>Negation.</summary>
    [Op("aten::neg")]
    public Tensor neg() => -this;

    /// <summary><c>this + other</c>.</summary>
    [Op("aten::add.Tensor")]
    public Tensor add(Tensor other) => this + other;

    /// <summary><c>this * other</c>.</summary>
    [Op("aten::mul.Tensor")]
    public Tensor mul(Tensor other) => this * other;

    /// <summary>Elementwise <c>this &gt; other</c>.</summary>
    [Op("aten::gt.Tensor")]
    public Tensor gt(Tensor other) => this > other;

    /// <summary>Elementwise <c>this == other</c>.</summary>
    [Op("aten::eq.Tensor")]
    public Tensor eq(Tensor other) => Dispatch.Record(EagerOps.EqTensor, AtenOps.eq(this, other), this, other);

    /// <summary>Elementwise <c>this != other</c>.</summary>
    [Op("aten::ne.Tensor")]
    public Tensor ne(Tensor other) => Dispatch.Record(EagerOps.NeTensor, AtenOps.ne(this, other), this, other);

    /// <summary>Matrix product.</summary>
    [Op("aten::matmul")]
    public Tensor matmul(Tensor other) => Dispatch.Record(EagerOps.MatMul, AtenOps.matmul(this, other), this, other);

    /// <summary>The single element as a number; data-dependent, so a trace warns here.</summary>
    [Op("aten::item")]
    public Scalar item()
    {
        var value = ItemValue();
        return Dispatch.Convert(EagerOps.Item, this, value, value);
    }
}
