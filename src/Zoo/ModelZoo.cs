using static TorchJit.torch;

namespace TorchJit.Zoo;

/// <summary>The built-in models for the CLI, tests and benchmarks, with seeded weights and example inputs.</summary>
public static class ModelZoo
{
    /// <summary>The models by name.</summary>
    public static IReadOnlyList<ZooModel> All { get; } =
    [
        new("cond", "CondModel: x if x.sum() > 10 else x + 10", () => new CondModel(), () => rand(2, 3)),
        new("mlp", "MLP: Linear(784, 128) -> ReLU -> Linear(128, 10)", Mlp, () => rand(1, 784)),
    ];

    /// <summary>The model called <paramref name="name"/>; throws listing the names when unknown.</summary>
    public static ZooModel Get(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"unknown model '{name}'; the zoo has: {string.Join(", ", All.Select(m => m.Name))}");

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
