namespace TorchJit.Onnx.Tests;

/// <summary>Seeded inputs of a given shape, uniform in [-2, 2).</summary>
public static class TestInputs
{
    public static Tensor Uniform(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        var data = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 4 - 2);
        return Tensor.FromArray(data, shape);
    }

    public static int[] WithBatch(ReadOnlySpan<int> shape, int batch)
    {
        var sizes = shape.ToArray();
        sizes[0] = batch;
        return sizes;
    }
}
