using TorchJit.Modules;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

public sealed class ModuleTests
{
    [Fact]
    public void DropoutIsTheIdentityInEvalAndInvertedDropoutInTraining()
    {
        var d = nn.Dropout(0.25);
        var x = ones(100, 100);

        manual_seed(5);
        var trained = d.forward(x).ToArray();
        int zeros = trained.Count(v => v == 0);
        Assert.InRange(zeros, 2200, 2800); // 10,000 draws at p = 0.25
        Assert.All(trained.Where(v => v != 0), v => Assert.Equal(1f / 0.75f, v));
        manual_seed(5);
        Assert.Equal(trained, d.forward(x).ToArray());

        d.eval();
        Assert.Same(x, d.forward(x));
        Assert.Throws<ArgumentException>(() => nn.Dropout(1.5));
    }

    [Fact]
    public void ContainersRegisterChildrenByIndexAndKey()
    {
        var list = nn.ModuleList(nn.Linear(2, 3), nn.Linear(3, 4));
        var dict = nn.ModuleDict(("encoder", (nn.Module)nn.Linear(2, 2)), ("act", nn.ReLU()));

        Assert.Equal(["0", "1"], list.named_children().Select(c => c.name));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], list.state_dict().Select(kv => kv.Key));
        Assert.Equal(["encoder", "act"], dict.named_children().Select(c => c.name));
        Assert.IsType<ReLU>(dict["act"]);
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void EvalAndTrainReachEveryDescendant()
    {
        var model = nn.Sequential(nn.Linear(2, 2), nn.Sequential(nn.Dropout(), nn.ReLU()));
        model.eval();
        Assert.All(Descendants(model), m => Assert.False(m.training));
        model.train();
        Assert.All(Descendants(model), m => Assert.True(m.training));
    }

    private static IEnumerable<nn.Module> Descendants(nn.Module m) =>
        new[] { m }.Concat(m.named_children().SelectMany(c => Descendants(c.module)));
}
