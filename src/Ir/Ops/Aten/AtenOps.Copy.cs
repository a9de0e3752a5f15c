namespace TorchJit.Ir;

/// <summary>Copies: <c>clone</c> always allocates new storage (<c>contiguous</c>, a view when it can be, is with the views).</summary>
public static partial class AtenOps
{
    /// <summary>A dense copy with its own storage.</summary>
    [Schema("aten::clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor")]
    public static Tensor clone(Tensor self, long? memory_format) =>
        memory_format is null or 0 ? self.CloneData() : throw new NotSupportedException($"aten::clone: memory_format {memory_format} is not supported (only torch.contiguous_format)");

    internal static void clone_out(Tensor self, long? memory_format, Tensor @out)
    {
        if (memory_format is not (null or 0)) throw new NotSupportedException($"aten::clone: memory_format {memory_format} is not supported (only torch.contiguous_format)");
        @out.RequireOut("aten::clone", self.DType, self.Shape);
        self.CopyElementsTo(@out);
    }

    internal static JitType clone_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) =>
        inputs[0] is TensorType { DType: { } d, Sizes: { } s } ? new TensorType(d, s, Tensor.ContiguousStrides(s), false, "cpu") : TensorType.Any;
}
