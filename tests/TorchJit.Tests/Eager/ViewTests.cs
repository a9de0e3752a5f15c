using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>Views share storage and follow PyTorch's shapes, strides and errors; ops on views read the right elements.</summary>
public sealed class ViewTests
{
    // 2x3x4 with element value = its row-major index, so every element names its position.
    private static Tensor Iota(params int[] shape)
    {
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = i;
        return Tensor.FromArray(data, shape);
    }

    private static float At(Tensor t, params int[] index)
    {
        return t.contiguous().ToArray()[Flat(t.Shape.ToArray(), index)];
    }

    private static int Flat(int[] shape, int[] index)
    {
        int f = 0;
        for (int d = 0; d < shape.Length; d++) f = (f * shape[d]) + index[d];
        return f;
    }

    [Fact]
    public void TransposeSwapsStridesWithoutCopying()
    {
        var x = Iota(2, 3, 4);
        var t = x.transpose(0, 2);

        Assert.Equal([4, 3, 2], t.Shape.ToArray());
        Assert.Equal([1, 4, 12], t.Stride.ToArray());
        Assert.False(t.IsContiguous);
        Assert.Throws<InvalidOperationException>(() => t.Float32Span.Length);
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 3; b++)
                for (int c = 0; c < 2; c++)
                    Assert.Equal((c * 12) + (b * 4) + a, At(t, a, b, c));
    }

    [Fact]
    public void ViewOfATransposeFailsAsInPyTorchAndReshapeCopies()
    {
        var t = Iota(2, 3).t();

        var e = Assert.Throws<InvalidOperationException>(() => t.view(6));
        Assert.Contains("use reshape instead", e.Message);
        Assert.Equal([0f, 3, 1, 4, 2, 5], t.reshape(6).ToArray());
        Assert.Equal([0f, 1, 2, 3, 4, 5], Iota(2, 3).view(-1).ToArray());
        Assert.Equal([3, 2], Iota(2, 3).view(3, -1).Shape.ToArray());
    }

    [Fact]
    public void ViewSplitsAndMergesCompatibleNonContiguousDims()
    {
        // Narrowing the outer dim keeps each row contiguous: [2, 4] -> [2, 2, 2] is a view.
        var x = Iota(4, 4).narrow(0, 1, 2);
        var v = x.view(2, 2, 2);

        Assert.Equal([4, 6, 5, 7], new[] { At(v, 0, 0, 0), At(v, 0, 1, 0), At(v, 0, 0, 1), At(v, 0, 1, 1) });
        Assert.Equal(x.StorageOffset, v.StorageOffset);
    }

    [Fact]
    public void SelectNarrowAndSliceMatchPythonIndexing()
    {
        var x = Iota(3, 5);

        Assert.Equal([10f, 11, 12, 13, 14], x.select(0, -1).ToArray());
        Assert.Equal([1f, 6, 11], x.select(1, 1).ToArray());
        Assert.Equal([6f, 7, 8, 11, 12, 13], x.narrow(0, 1, 2).narrow(1, 1, 3).ToArray());
        Assert.Equal([0f, 2, 4, 5, 7, 9, 10, 12, 14], x.slice(1, null, null, 2).ToArray());   // x[:, ::2]
        Assert.Equal([3f, 4, 8, 9, 13, 14], x.slice(1, -2, null).ToArray());                   // x[:, -2:]
        Assert.Empty(x.slice(1, 4, 2).ToArray());                                                 // x[:, 4:2]
        Assert.Equal([10f, 11, 12, 13, 14], x.slice(0, 2, 100).ToArray());                     // bounds clamp
    }

    [Fact]
    public void OutOfRangeIndicesNameTheOpAndTheRange()
    {
        var x = Iota(3, 5);

        Assert.Contains("index 3 out of range", Assert.Throws<IndexOutOfRangeException>(() => x.select(0, 3)).Message);
        Assert.Contains("expected to be in range of [-2, 1], but got 2", Assert.Throws<IndexOutOfRangeException>(() => x.transpose(0, 2)).Message);
        Assert.Contains("exceeds dimension size", Assert.Throws<IndexOutOfRangeException>(() => x.narrow(1, 3, 3)).Message);
        Assert.Contains("repeated dim", Assert.Throws<ArgumentException>(() => x.permute(0, 0)).Message);
    }

    [Fact]
    public void ExpandUsesStrideZeroAndChecksSizes()
    {
        var x = Iota(3, 1);
        var e = x.expand(2, 3, 4);

        Assert.Equal([2, 3, 4], e.Shape.ToArray());
        Assert.Equal([0, 1, 0], e.Stride.ToArray());
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)((i / 4) % 3)), e.ToArray());
        Assert.Contains("must match the existing size (3)", Assert.Throws<ArgumentException>(() => x.expand(4, 2)).Message);
        Assert.Equal([3, 5], x.expand(-1, 5).Shape.ToArray());
    }

    [Fact]
    public void SqueezeUnsqueezeFlattenAndPermute()
    {
        var x = Iota(2, 1, 3, 1);

        Assert.Equal([2, 3], x.squeeze().Shape.ToArray());
        Assert.Equal([2, 3, 1], x.squeeze(1).Shape.ToArray());
        Assert.Equal([2, 1, 3, 1], x.squeeze(0).Shape.ToArray());
        Assert.Equal([2, 1, 1, 3, 1], x.unsqueeze(2).Shape.ToArray());
        Assert.Equal([2, 1, 3, 1, 1], x.unsqueeze(-1).Shape.ToArray());
        Assert.Equal([6], x.flatten().Shape.ToArray());
        Assert.Equal([2, 3, 1], x.flatten(1, 2).Shape.ToArray());
        var p = Iota(2, 3, 4).permute(2, 0, 1);
        Assert.Equal([4, 2, 3], p.Shape.ToArray());
        Assert.Equal(13f, At(p, 1, 1, 0));
        Assert.Equal([1], tensor(5f).flatten().Shape.ToArray());
    }

    [Fact]
    public void OpsOnViewsReadTheViewedElements()
    {
        var a = Iota(3, 4).t();               // [4, 3], strided
        var b = Iota(4, 3);
        var expected = a.contiguous() + b;

        Assert.True(expected.BitEquals(a + b));
        Assert.True((a.contiguous() * 2).BitEquals(a * 2));
        Assert.Equal(a.contiguous().sum().item<float>(), a.sum().item<float>());
        var mm = a.matmul(Iota(3, 2));
        Assert.True(a.contiguous().matmul(Iota(3, 2)).BitEquals(mm));
    }

    [Fact]
    public void TracedAndCompiledViewsEqualEager()
    {
        var model = new ViewModel();
        var x = randn(2, 3, 4);
        var traced = Jit.Trace(model, x);
        var compiled = Jit.Compile(traced);

        Assert.Contains("aten::transpose", traced.Graph);
        Assert.Contains("int[] = prim::Constant[value=[4, 6]]()", traced.Graph);
        for (int i = 0; i < 5; i++)
        {
            var y = randn(2, 3, 4);
            Assert.True(model.forward(y).BitEquals(traced.forward(y)));
            Assert.True(model.forward(y).BitEquals(compiled.forward(y)));
        }
    }

    private sealed class ViewModel : nn.Module<Tensor, Tensor>
    {
        public ViewModel() : base(nameof(ViewModel)) { }

        public override Tensor forward(Tensor x) => x.transpose(0, 2).reshape(4, 6).slice(1, 1, null, 2).unsqueeze(0) * 3;
    }
}
