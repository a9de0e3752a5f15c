using static TorchJit.torch;

namespace TorchJit.Zoo;

/// <summary>The built-in models for the CLI, tests and benchmarks, with seeded weights and example inputs.</summary>
public static class ModelZoo
{
    /// <summary>The models by name.</summary>
    public static IReadOnlyList<ZooModel> All { get; } =
    [
        new("cond", "CondModel: x if x.sum() > 10 else x + 10", () => new CondModel(), () => rand(2, 3)),
        new("chain", "Elementwise chain: sigmoid(x * 1.5 - 0.25) * tanh(x) on 1,048,576 floats", () => new ChainModel(), () => rand(1024, 1024)),
        new("mlp", "MLP: Linear(784, 128) -> ReLU -> Linear(128, 10)", Mlp, () => rand(1, 784)),
        new("mlp512", "MLP: Linear(784, 512) -> ReLU -> Linear(512, 512) -> ReLU -> Linear(512, 10)", Mlp512, () => rand(1, 784)),
        new("cnn", "CNN: Conv 3->16, BatchNorm, ReLU, MaxPool, Conv 16->32, BatchNorm, ReLU, MaxPool, Linear 2048->10 on 3x32x32", Cnn, () => rand(1, 3, 32, 32)),
        new("transformer", "TransformerEncoderLayer(d_model 256, 4 heads, ff 1024), sequence 64", Transformer, () => rand(1, 64, 256)),
    ];

    /// <summary>The model called <paramref name="name"/>; throws listing the names when unknown.</summary>
    public static ZooModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"unknown model '{name}'; the zoo has: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The benchmark MLP 784-512-512-10 with weights from seed 0.</summary>
    public static nn.Module<Tensor, Tensor> Mlp512()
    {
        manual_seed(0);
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10));
    }

    /// <summary>The benchmark CNN for 3x32x32 inputs, weights from seed 0.</summary>
    public static nn.Module<Tensor, Tensor> Cnn()
    {
        manual_seed(0);
        var model = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding: 1), AsIfTrained(nn.BatchNorm2d(16)), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding: 1), AsIfTrained(nn.BatchNorm2d(32)), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(2048, 10));
        model.eval();
        return model;
    }

    // Fresh batch norms are the identity (mean 0, var 1, scale 1, shift 0); give them statistics and affine
    // parameters of the size training leaves, so folding them into the convolutions is a real test.
    private static TorchJit.Modules.BatchNorm2d AsIfTrained(TorchJit.Modules.BatchNorm2d bn)
    {
        bn.running_mean.copy_(randn(bn.running_mean.Shape[0]) * 0.1);
        bn.running_var.copy_(rand(bn.running_var.Shape[0]) + 0.5);
        bn.weight!.copy_(rand(bn.running_var.Shape[0]) + 0.5);
        bn.bias!.copy_(randn(bn.running_var.Shape[0]) * 0.1);
        return bn;
    }

    /// <summary>A transformer encoder layer (batch first, eval mode), weights from seed 0.</summary>
    public static nn.Module<Tensor, Tensor> Transformer()
    {
        manual_seed(0);
        var layer = nn.TransformerEncoderLayer(256, 4, 1024, batchFirst: true);
        layer.eval();
        return layer;
    }

    /// <summary><c>Sequential(Linear(784, 128), ReLU(), Linear(128, 10))</c> with weights from seed 0.</summary>
    public static nn.Module<Tensor, Tensor> Mlp()
    {
        manual_seed(0);
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
    }
}

/// <summary>A zoo entry.</summary>
/// <param name="Name">The short name (<c>cond</c>, <c>mlp</c>).</param>
/// <param name="Description">What it computes.</param>
/// <param name="Create">Builds the model with seeded weights.</param>
/// <param name="ExampleInput">A random example input.</param>
public sealed record ZooModel(string Name, string Description, Func<nn.Module<Tensor, Tensor>> Create, Func<Tensor> ExampleInput);
