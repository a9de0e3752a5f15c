using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests.Frontend;

/// <summary>What scripting cannot keep, it refuses: naming the method, file:line:col and the statement with a caret.</summary>
public sealed class ScriptErrorTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ALoopIsRefusedWithItsLocation(bool optimized)
    {
        torch.nn.Module<Tensor, Tensor> model = optimized ? new Opt.LoopModel() : new Unopt.LoopModel();

        var e = Assert.Throws<ScriptException>(() => Jit.Script(model));

        Assert.Equal("LoopModel.forward", e.Method);
        Assert.NotNull(e.Location);
        Assert.Equal("Unsupported.cs", Path.GetFileName(e.Location!.File));
        Assert.Equal(15, e.Location.Line);
        Assert.Contains("loops are not supported yet", e.Message);
        Assert.Contains("for (int i = 0; i < 3; i++) x = x * 2;", e.Message);
        Assert.Contains("\n    " + new string(' ', e.Location.Column - 1) + "^", e.Message);
    }

    [Fact]
    public void AnUnknownCallIsRefusedNotDropped()
    {
        var e = Assert.Throws<ScriptException>(() => Jit.Script(new Unopt.ConsoleModel()));

        Assert.Equal("ConsoleModel.forward", e.Method);
        Assert.Equal(26, e.Location!.Line);
        Assert.Contains("System.Console.WriteLine(\"side effect\");", e.Message);
    }

    [Fact]
    public void ScriptingIsNotSupportedExceptionForCallersThatCatchThat() =>
        Assert.IsAssignableFrom<NotSupportedException>(Assert.ThrowsAny<Exception>(() => Jit.Script(new Unopt.LoopModel())));
}
