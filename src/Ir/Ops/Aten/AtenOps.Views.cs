namespace TorchJit.Ir;

/// <summary>
/// Views: new shapes and strides over the same storage, no copy (PyTorch's view semantics; <c>reshape</c>
/// and <c>contiguous</c> copy only when a view is impossible).
/// </summary>
public static partial class AtenOps
{
    /// <summary>The same elements in <paramref name="size"/> (one entry may be -1); requires compatible strides.</summary>
    [Schema("aten::view(Tensor(a) self, int[] size) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor view(Tensor self, long[] size) =>
        TryView(self, InferSize("aten::view", self, size)) ?? throw new InvalidOperationException(
            $"aten::view: view size [{string.Join(", ", size)}] is not compatible with input tensor's size and stride ({self.Describe()}, strides [{string.Join(", ", self.Strides())}]); use reshape instead");

    /// <summary>A view when possible, else a copy.</summary>
    [Schema("aten::reshape(Tensor(a) self, int[] shape) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor reshape(Tensor self, long[] shape)
    {
        var sizes = InferSize("aten::reshape", self, shape);
        return TryView(self, sizes) ?? TryView(self.contiguous(), sizes)!;
    }

    /// <summary>Swaps two dimensions.</summary>
    [Schema("aten::transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor transpose(Tensor self, long dim0, long dim1)
    {
        int a = Dims.Wrap(dim0, self.Dim, "aten::transpose"), b = Dims.Wrap(dim1, self.Dim, "aten::transpose");
        if (self.Dim == 0) return self.ViewAs([], [], self.StorageOffset);
        var shape = self.Shape.ToArray();
        var strides = self.Strides();
        (shape[a], shape[b]) = (shape[b], shape[a]);
        (strides[a], strides[b]) = (strides[b], strides[a]);
        return self.ViewAs(shape, strides, self.StorageOffset);
    }

    /// <summary>The transpose of a matrix (a 0-D or 1-D tensor is returned as is).</summary>
    [Schema("aten::t(Tensor(a) self) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor t(Tensor self)
    {
        if (self.Dim > 2) throw new ArgumentException($"aten::t: expects a tensor with <= 2 dimensions, but self is {self.Dim}D ({self.Describe()})");
        return self.Dim < 2 ? self.ViewAs(self.Shape.ToArray(), self.Strides(), self.StorageOffset) : transpose(self, 0, 1);
    }

    /// <summary>Reorders the dimensions.</summary>
    [Schema("aten::permute(Tensor(a) self, int[] dims) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor permute(Tensor self, long[] dims)
    {
        if (dims.Length != self.Dim)
            throw new ArgumentException($"aten::permute: number of dims don't match in permute (input {self.Describe()}, dims [{string.Join(", ", dims)}])");
        var shape = new int[dims.Length];
        var strides = new int[dims.Length];
        var seen = new bool[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            int d = Dims.Wrap(dims[i], self.Dim, "aten::permute");
            if (seen[d]) throw new ArgumentException($"aten::permute: repeated dim {d} in [{string.Join(", ", dims)}]");
            seen[d] = true;
            shape[i] = self.Shape[d];
            strides[i] = self.Stride[d];
        }

        return self.ViewAs(shape, strides, self.StorageOffset);
    }

    /// <summary>The slice at <paramref name="index"/> along <paramref name="dim"/>, which is removed.</summary>
    [Schema("aten::select.int(Tensor(a) self, int dim, int index) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor select(Tensor self, long dim, long index)
    {
        if (self.Dim == 0) throw new IndexOutOfRangeException("aten::select: select() cannot be applied to a 0-dim tensor.");
        int d = Dims.Wrap(dim, self.Dim, "aten::select");
        int size = self.Shape[d];
        if (index < -size || index >= size)
            throw new IndexOutOfRangeException($"aten::select: index {index} out of range for tensor of size [{string.Join(", ", self.Shape.ToArray())}] at dimension {d}");
        int i = (int)(index < 0 ? index + size : index);
        var shape = self.Shape.ToArray().Where((_, k) => k != d).ToArray();
        var strides = self.Strides().Where((_, k) => k != d).ToArray();
        return self.ViewAs(shape, strides, self.StorageOffset + (i * self.Stride[d]));
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    [Schema("aten::narrow(Tensor(a) self, int dim, int start, int length) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor narrow(Tensor self, long dim, long start, long length)
    {
        int d = Dims.Wrap(dim, self.Dim, "aten::narrow");
        int size = self.Shape[d];
        long s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s + length > size)
            throw new IndexOutOfRangeException($"aten::narrow: start ({start}) + length ({length}) exceeds dimension size ({size}) of {self.Describe()} at dim {d}");
        return slice(self, d, s, s + length, 1);
    }

    /// <summary>Elements <c>start:end:step</c> along <paramref name="dim"/> (bounds clamp as in Python).</summary>
    [Schema("aten::slice.Tensor(Tensor(a) self, int dim=0, int? start=None, int? end=None, int step=1) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor slice(Tensor self, long dim, long? start, long? end, long step)
    {
        if (step <= 0) throw new ArgumentException($"aten::slice: slice step must be positive, got {step}");
        int d = Dims.Wrap(dim, self.Dim, "aten::slice");
        long size = self.Shape[d];
        long s = start ?? 0, e = end ?? size;
        if (s < 0) s += size;
        if (e < 0) e += size;
        s = Math.Clamp(s, 0, size);
        e = Math.Clamp(e, s, size);
        var shape = self.Shape.ToArray();
        var strides = self.Strides();
        shape[d] = (int)((e - s + step - 1) / step);
        int offset = self.StorageOffset + (int)(s * strides[d]);
        strides[d] = (int)(strides[d] * step);
        return self.ViewAs(shape, strides, offset);
    }

    /// <summary>Repeats size-1 dimensions (stride 0) to <paramref name="size"/>; -1 keeps a size; new leading dims allowed.</summary>
    [Schema("aten::expand(Tensor(a) self, int[] size, *, bool implicit=False) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor expand(Tensor self, long[] size, bool @implicit)
    {
        if (size.Length < self.Dim)
            throw new ArgumentException($"aten::expand: the number of sizes provided ({size.Length}) must be greater or equal to the number of dimensions in the tensor ({self.Dim})");
        var shape = new int[size.Length];
        var strides = new int[size.Length];
        int lead = size.Length - self.Dim;
        for (int i = size.Length - 1; i >= 0; i--)
        {
            int j = i - lead;
            if (j < 0)
            {
                if (size[i] < 0) throw new ArgumentException($"aten::expand: the expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {i}");
                shape[i] = Dims.ToSize(size[i], "aten::expand", "size");
                strides[i] = 0;
                continue;
            }

            int own = self.Shape[j];
            long want = size[i] == -1 ? own : size[i];
            if (own == want)
            {
                shape[i] = own;
                strides[i] = self.Stride[j];
            }
            else if (own == 1)
            {
                shape[i] = Dims.ToSize(want, "aten::expand", "size");
                strides[i] = 0;
            }
            else
            {
                throw new ArgumentException($"aten::expand: the expanded size of the tensor ({want}) must match the existing size ({own}) at non-singleton dimension {i}. Target sizes: [{string.Join(", ", size)}]. Tensor sizes: [{string.Join(", ", self.Shape.ToArray())}]");
            }
        }

        return self.ViewAs(shape, strides, self.StorageOffset);
    }

    /// <summary>Removes every size-1 dimension.</summary>
    [Schema("aten::squeeze(Tensor(a) self) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor squeeze(Tensor self)
    {
        var keep = Enumerable.Range(0, self.Dim).Where(i => self.Shape[i] != 1).ToArray();
        return self.ViewAs(keep.Select(i => self.Shape[i]).ToArray(), keep.Select(i => self.Stride[i]).ToArray(), self.StorageOffset);
    }

    /// <summary>Removes dimension <paramref name="dim"/> if its size is 1.</summary>
    [Schema("aten::squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor squeeze(Tensor self, long dim)
    {
        int d = Dims.Wrap(dim, self.Dim, "aten::squeeze");
        if (self.Dim == 0 || self.Shape[d] != 1) return self.ViewAs(self.Shape.ToArray(), self.Strides(), self.StorageOffset);
        return self.ViewAs(self.Shape.ToArray().Where((_, k) => k != d).ToArray(), self.Strides().Where((_, k) => k != d).ToArray(), self.StorageOffset);
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/>.</summary>
    [Schema("aten::unsqueeze(Tensor(a) self, int dim) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor unsqueeze(Tensor self, long dim)
    {
        int d = Dims.Wrap(dim, self.Dim + 1, "aten::unsqueeze");
        var shape = self.Shape.ToArray().ToList();
        var strides = self.Strides().ToList();
        int stride = d < self.Dim ? self.Stride[d] * self.Shape[d] : 1;
        shape.Insert(d, 1);
        strides.Insert(d, stride);
        return self.ViewAs([.. shape], [.. strides], self.StorageOffset);
    }

    /// <summary>Merges dimensions <paramref name="start_dim"/>..<paramref name="end_dim"/> into one (a view when strides allow).</summary>
    [Schema("aten::flatten.using_ints(Tensor(a) self, int start_dim=0, int end_dim=-1) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor flatten(Tensor self, long start_dim, long end_dim)
    {
        if (self.Dim == 0) return reshape(self, [1]);
        int s = Dims.Wrap(start_dim, self.Dim, "aten::flatten"), e = Dims.Wrap(end_dim, self.Dim, "aten::flatten");
        if (s > e) throw new ArgumentException($"aten::flatten: start_dim ({s}) cannot come after end_dim ({e})");
        var shape = new List<long>();
        for (int i = 0; i < s; i++) shape.Add(self.Shape[i]);
        long merged = 1;
        for (int i = s; i <= e; i++) merged *= self.Shape[i];
        shape.Add(merged);
        for (int i = e + 1; i < self.Dim; i++) shape.Add(self.Shape[i]);
        return reshape(self, [.. shape]);
    }

    /// <summary>The tensor itself if contiguous, else a dense copy.</summary>
    [Schema("aten::contiguous(Tensor(a) self, *, MemoryFormat memory_format=0) -> Tensor(a)", OpTraits.Pure | OpTraits.View)]
    public static Tensor contiguous(Tensor self, long memory_format) =>
        memory_format == 0 ? self.contiguous() : throw new NotSupportedException($"aten::contiguous: memory_format {memory_format} is not supported (only torch.contiguous_format)");

    /// <summary>The size of one dimension.</summary>
    [Schema("aten::size.int(Tensor self, int dim) -> int", OpTraits.Pure | OpTraits.MetadataOnly)]
    public static long size(Tensor self, long dim) => self.Shape[Dims.Wrap(dim, self.Dim, "aten::size")];

    /// <summary>The number of dimensions.</summary>
    [Schema("aten::dim(Tensor self) -> int", OpTraits.Pure | OpTraits.MetadataOnly)]
    public static long dim(Tensor self) => self.Dim;

    /// <summary>The number of elements.</summary>
    [Schema("aten::numel(Tensor self) -> int", OpTraits.Pure | OpTraits.MetadataOnly)]
    public static long numel(Tensor self) => self.NumElements;

    private static int[] InferSize(string op, Tensor self, long[] size)
    {
        long numel = self.NumElements;
        int inferred = -1;
        long known = 1;
        var result = new int[size.Length];
        for (int i = 0; i < size.Length; i++)
        {
            if (size[i] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"{op}: only one dimension can be inferred in [{string.Join(", ", size)}]");
                inferred = i;
                continue;
            }

            result[i] = Dims.ToSize(size[i], op, "size");
            known *= size[i];
        }

        if (inferred >= 0)
        {
            if (known == 0 || numel % known != 0) throw new ArgumentException($"{op}: shape '[{string.Join(", ", size)}]' is invalid for input of size {numel}");
            result[inferred] = (int)(numel / known);
        }
        else if (known != numel)
        {
            throw new ArgumentException($"{op}: shape '[{string.Join(", ", size)}]' is invalid for input of size {numel}");
        }

        return result;
    }

    // The strides a view of `self` with `sizes` needs, or null when the layout does not allow one
    // (PyTorch's computeStride: each group of merged or split dimensions must be contiguous within itself).
    private static Tensor? TryView(Tensor self, int[] sizes)
    {
        if (self.IsContiguous) return self.ViewAs(sizes, Tensor.ContiguousStrides(sizes), self.StorageOffset);
        var oldShape = self.Shape;
        var oldStrides = self.Stride;
        var newStrides = new int[sizes.Length];
        int viewD = sizes.Length - 1;
        long chunkBaseStride = oldStrides.Length > 0 ? oldStrides[^1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.Length - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || sizes[viewD] == 1))
                {
                    newStrides[viewD] = (int)(viewNumel * chunkBaseStride);
                    viewNumel *= sizes[viewD];
                    viewD--;
                }

                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }

        return viewD != -1 ? null : self.ViewAs(sizes, newStrides, self.StorageOffset);
    }
}
