using System.Numerics.Tensors;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>System.Numerics.Tensors and spans in and out.</summary>
public sealed class InteropTests
{
    [Fact]
    public void TensorSpanViewsTheSameElementsIncludingStrides()
    {
        var x = arange(0, 6, 1.0).reshape(2, 3);
        var t = x.t();

        var span = t.AsTensorSpan();

        Assert.Equal([3, 2], span.Lengths.ToArray().Select(l => (int)l));
        Assert.Equal(t.contiguous().ToArray(), ToArray(span));
    }

    [Fact]
    public void SystemTensorSharesStorageWithoutCopying()
    {
        var x = arange(0, 4, 1.0).reshape(2, 2);
        var sys = x.ToSystemTensor();

        x.copy_(full([2, 2], 9f));

        Assert.Equal([9f, 9f, 9f, 9f], ToArray(sys.AsReadOnlyTensorSpan()));
    }

    [Fact]
    public void FromSystemTensorAndSpansCopyIn()
    {
        var sys = System.Numerics.Tensors.Tensor.Create([1f, 2f, 3f, 4f, 5f, 6f], [3, 2]);
        var t = Tensor.FromSystemTensor(sys.AsReadOnlyTensorSpan());

        Assert.Equal([3, 2], t.Shape.ToArray());
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray());
        Assert.Equal([1f, 2f], Tensor.FromSpan([1f, 2f], 2).ToArray());
        Assert.Throws<ArgumentException>(() => Tensor.FromSpan([1f, 2f], 3));
        var dest = new float[6];
        t.t().CopyTo(dest);
        Assert.Equal([1f, 3f, 5f, 2f, 4f, 6f], dest);
    }

    private static float[] ToArray(ReadOnlyTensorSpan<float> span)
    {
        var dest = new float[span.FlattenedLength];
        span.FlattenTo(dest);
        return dest;
    }
}
