using TorchJit.Ir;

namespace TorchJit;

/// <summary>More <c>torch.*</c> functions.</summary>
public static partial class torch
{
    /// <summary>e^x.</summary>
    [Op("aten::exp")]
    public static Tensor exp(Tensor input) => input.exp();

    /// <summary>tanh x.</summary>
    [Op("aten::tanh")]
    public static Tensor tanh(Tensor input) => input.tanh();

    /// <summary>1 / (1 + e^-x).</summary>
    [Op("aten::sigmoid")]
    public static Tensor sigmoid(Tensor input) => input.sigmoid();

    /// <summary><paramref name="input"/> where <paramref name="condition"/>, else <paramref name="other"/>.</summary>
    [Op("aten::where.self")]
    public static Tensor where(Tensor condition, Tensor input, Tensor other) =>
        Dispatch.Record(MoreOps.Where, AtenOps.where(condition, input, other), condition, input, other);

    /// <summary>Elementwise maximum.</summary>
    [Op("aten::maximum")]
    public static Tensor maximum(Tensor input, Tensor other) => Dispatch.Record(MoreOps.Maximum, AtenOps.maximum(input, other), input, other);

    /// <summary>Elementwise minimum.</summary>
    [Op("aten::minimum")]
    public static Tensor minimum(Tensor input, Tensor other) => Dispatch.Record(MoreOps.Minimum, AtenOps.minimum(input, other), input, other);

    /// <summary>Concatenates along <paramref name="dim"/>.</summary>
    [Op("aten::cat")]
    public static Tensor cat(IList<Tensor> tensors, long dim = 0)
    {
        var array = tensors.ToArray();
        return Dispatch.Record(MoreOps.Cat, AtenOps.cat(array, dim), array, dim);
    }

    /// <summary>Stacks along a new dimension <paramref name="dim"/>.</summary>
    [Op("aten::stack")]
    public static Tensor stack(IList<Tensor> tensors, long dim = 0)
    {
        var array = tensors.ToArray();
        return Dispatch.Record(MoreOps.Stack, AtenOps.stack(array, dim), array, dim);
    }

    /// <summary>softmax over <paramref name="dim"/>.</summary>
    [Op("aten::softmax.int")]
    public static Tensor softmax(Tensor input, long dim) => input.softmax(dim);

    private static class MoreOps
    {
        public static readonly OpDef Where = OpRegistry.Get("aten::where.self");
        public static readonly OpDef Maximum = OpRegistry.Get("aten::maximum");
        public static readonly OpDef Minimum = OpRegistry.Get("aten::minimum");
        public static readonly OpDef Cat = OpRegistry.Get("aten::cat");
        public static readonly OpDef Stack = OpRegistry.Get("aten::stack");
    }
}
