using TorchJit.Ir;

namespace TorchJit;

/// <summary>Reductions and softmax with TorchSharp/PyTorch names.</summary>
public partial class Tensor
{
    /// <summary>Sum over <paramref name="dims"/>.</summary>
    [Op("aten::sum.dim_IntList")]
    public Tensor sum(long[] dims, bool keepdim = false) => Dispatch.Record(ReduceOps.SumDim, AtenOps.sum(this, dims, keepdim, null), this, dims, keepdim, IValue.None);

    /// <summary>Sum over <paramref name="dim"/>.</summary>
    public Tensor sum(long dim, bool keepdim = false) => sum([dim], keepdim);

    /// <summary>Mean of all elements.</summary>
    [Op("aten::mean")]
    public Tensor mean() => Dispatch.Record(ReduceOps.Mean, AtenOps.mean(this, null), this, IValue.None);

    /// <summary>Mean over <paramref name="dims"/>.</summary>
    [Op("aten::mean.dim")]
    public Tensor mean(long[] dims, bool keepdim = false) => Dispatch.Record(ReduceOps.MeanDim, AtenOps.mean(this, dims, keepdim, null), this, dims, keepdim, IValue.None);

    /// <summary>Mean over <paramref name="dim"/>.</summary>
    public Tensor mean(long dim, bool keepdim = false) => mean([dim], keepdim);

    /// <summary>Variance over <paramref name="dims"/> (correction 1 unless <paramref name="unbiased"/> is false).</summary>
    public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false)
    {
        Scalar correction = unbiased ? 1 : 0;
        return Dispatch.Record(ReduceOps.Var, AtenOps.var(this, dims, correction, keepdim), this, dims, correction, keepdim);
    }

    /// <summary>Standard deviation over <paramref name="dims"/>.</summary>
    public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false)
    {
        Scalar correction = unbiased ? 1 : 0;
        return Dispatch.Record(ReduceOps.Std, AtenOps.std(this, dims, correction, keepdim), this, dims, correction, keepdim);
    }

    /// <summary>The largest element.</summary>
    [Op("aten::max")]
    public Tensor max() => Dispatch.Record(ReduceOps.Max, AtenOps.max(this), this);

    /// <summary>The smallest element.</summary>
    [Op("aten::min")]
    public Tensor min() => Dispatch.Record(ReduceOps.Min, AtenOps.min(this), this);

    /// <summary>Maximum over <paramref name="dim"/> and the index of its first occurrence.</summary>
    [Op("aten::max.dim")]
    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => Dispatch.Record(ReduceOps.MaxDim, AtenOps.max(this, dim, keepdim), this, dim, keepdim);

    /// <summary>Minimum over <paramref name="dim"/> and the index of its first occurrence.</summary>
    [Op("aten::min.dim")]
    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => Dispatch.Record(ReduceOps.MinDim, AtenOps.min(this, dim, keepdim), this, dim, keepdim);

    /// <summary>Maximum values over <paramref name="dims"/>.</summary>
    [Op("aten::amax")]
    public Tensor amax(long[] dims, bool keepdim = false) => Dispatch.Record(ReduceOps.Amax, AtenOps.amax(this, dims, keepdim), this, dims, keepdim);

    /// <summary>Index of the maximum over the flattened tensor.</summary>
    public Tensor argmax() => Dispatch.Record(ReduceOps.Argmax, AtenOps.argmax(this, null, false), this, IValue.None, false);

    /// <summary>Index of the maximum over <paramref name="dim"/>.</summary>
    [Op("aten::argmax")]
    public Tensor argmax(long dim, bool keepdim = false) => Dispatch.Record(ReduceOps.Argmax, AtenOps.argmax(this, dim, keepdim), this, dim, keepdim);

    /// <summary>softmax over <paramref name="dim"/>.</summary>
    [Op("aten::softmax.int")]
    public Tensor softmax(long dim) => Dispatch.Record(ReduceOps.Softmax, AtenOps.softmax(this, dim, null), this, dim, IValue.None);

    /// <summary>log_softmax over <paramref name="dim"/>.</summary>
    [Op("aten::log_softmax.int")]
    public Tensor log_softmax(long dim) => Dispatch.Record(ReduceOps.LogSoftmax, AtenOps.log_softmax(this, dim, null), this, dim, IValue.None);

    private static class ReduceOps
    {
        public static readonly OpDef SumDim = OpRegistry.Get("aten::sum.dim_IntList");
        public static readonly OpDef Mean = OpRegistry.Get("aten::mean");
        public static readonly OpDef MeanDim = OpRegistry.Get("aten::mean.dim");
        public static readonly OpDef Var = OpRegistry.Get("aten::var.correction");
        public static readonly OpDef Std = OpRegistry.Get("aten::std.correction");
        public static readonly OpDef Max = OpRegistry.Get("aten::max");
        public static readonly OpDef Min = OpRegistry.Get("aten::min");
        public static readonly OpDef MaxDim = OpRegistry.Get("aten::max.dim");
        public static readonly OpDef MinDim = OpRegistry.Get("aten::min.dim");
        public static readonly OpDef Amax = OpRegistry.Get("aten::amax");
        public static readonly OpDef Argmax = OpRegistry.Get("aten::argmax");
        public static readonly OpDef Softmax = OpRegistry.Get("aten::softmax.int");
        public static readonly OpDef LogSoftmax = OpRegistry.Get("aten::log_softmax.int");
    }
}
