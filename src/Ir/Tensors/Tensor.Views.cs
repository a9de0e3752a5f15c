using TorchJit.Ir;

namespace TorchJit;

/// <summary>View methods with TorchSharp/PyTorch names: no copies, recorded for tracing.</summary>
public partial class Tensor
{
    /// <summary>The same elements in a new shape (one size may be -1); throws if the strides do not allow a view.</summary>
    [Op("aten::view")]
    public Tensor view(params long[] shape) => Dispatch.Record(ViewOps.View, AtenOps.view(this, shape), this, shape);

    /// <summary>The same elements in a new shape: a view when possible, else a copy.</summary>
    [Op("aten::reshape")]
    public Tensor reshape(params long[] shape) => Dispatch.Record(ViewOps.Reshape, AtenOps.reshape(this, shape), this, shape);

    /// <summary>Swaps two dimensions.</summary>
    [Op("aten::transpose.int")]
    public Tensor transpose(long dim0, long dim1) => Dispatch.Record(ViewOps.Transpose, AtenOps.transpose(this, dim0, dim1), this, dim0, dim1);

    /// <summary>The matrix transpose.</summary>
    [Op("aten::t")]
    public Tensor t() => Dispatch.Record(ViewOps.T, AtenOps.t(this), this);

    /// <summary>Reorders dimensions.</summary>
    [Op("aten::permute")]
    public Tensor permute(params long[] dims) => Dispatch.Record(ViewOps.Permute, AtenOps.permute(this, dims), this, dims);

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    [Op("aten::select.int")]
    public Tensor select(long dim, long index) => Dispatch.Record(ViewOps.Select, AtenOps.select(this, dim, index), this, dim, index);

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    [Op("aten::narrow")]
    public Tensor narrow(long dim, long start, long length) => Dispatch.Record(ViewOps.Narrow, AtenOps.narrow(this, dim, start, length), this, dim, start, length);

    /// <summary>Elements <c>start:end:step</c> along <paramref name="dim"/>.</summary>
    [Op("aten::slice.Tensor")]
    public Tensor slice(long dim, long? start, long? end, long step = 1) =>
        Dispatch.Record(ViewOps.Slice, AtenOps.slice(this, dim, start, end, step), this, dim, start, end, step);

    /// <summary>Repeats size-1 dimensions without copying.</summary>
    [Op("aten::expand")]
    public Tensor expand(params long[] size) => Dispatch.Record(ViewOps.Expand, AtenOps.expand(this, size, false), this, size, false);

    /// <summary>Removes size-1 dimensions.</summary>
    [Op("aten::squeeze")]
    public Tensor squeeze() => Dispatch.Record(ViewOps.Squeeze, AtenOps.squeeze(this), this);

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1.</summary>
    [Op("aten::squeeze.dim")]
    public Tensor squeeze(long dim) => Dispatch.Record(ViewOps.SqueezeDim, AtenOps.squeeze(this, dim), this, dim);

    /// <summary>Inserts a size-1 dimension.</summary>
    [Op("aten::unsqueeze")]
    public Tensor unsqueeze(long dim) => Dispatch.Record(ViewOps.Unsqueeze, AtenOps.unsqueeze(this, dim), this, dim);

    /// <summary>Merges dimensions <paramref name="start_dim"/> to <paramref name="end_dim"/>.</summary>
    [Op("aten::flatten.using_ints")]
    public Tensor flatten(long start_dim = 0, long end_dim = -1) =>
        Dispatch.Record(ViewOps.Flatten, AtenOps.flatten(this, start_dim, end_dim), this, start_dim, end_dim);

    private static class ViewOps
    {
        public static readonly OpDef View = OpRegistry.Get("aten::view");
        public static readonly OpDef Reshape = OpRegistry.Get("aten::reshape");
        public static readonly OpDef Transpose = OpRegistry.Get("aten::transpose.int");
        public static readonly OpDef T = OpRegistry.Get("aten::t");
        public static readonly OpDef Permute = OpRegistry.Get("aten::permute");
        public static readonly OpDef Select = OpRegistry.Get("aten::select.int");
        public static readonly OpDef Narrow = OpRegistry.Get("aten::narrow");
        public static readonly OpDef Slice = OpRegistry.Get("aten::slice.Tensor");
        public static readonly OpDef Expand = OpRegistry.Get("aten::expand");
        public static readonly OpDef Squeeze = OpRegistry.Get("aten::squeeze");
        public static readonly OpDef SqueezeDim = OpRegistry.Get("aten::squeeze.dim");
        public static readonly OpDef Unsqueeze = OpRegistry.Get("aten::unsqueeze");
        public static readonly OpDef Flatten = OpRegistry.Get("aten::flatten.using_ints");
    }
}
