namespace TorchJit.Tests;

/// <summary>IR texts several test classes run: one copy each, so the fuser, the loop compiler and its rejections test the same graphs.</summary>
internal static class SampleGraphs
{
    /// <summary>x * sigmoid(x) + b through gelu, rsub and pow by 0.5, returning the result and the intermediate %y.</summary>
    public const string Swish = """
        graph(%x : Tensor,
              %b : Tensor,
              %k : float):
          %one : int = prim::Constant[value=1]()
          %half : float = prim::Constant[value=0.5]()
          %tanh : str = prim::Constant[value="tanh"]()
          %s : Tensor = aten::sigmoid(%x)
          %m : Tensor = aten::mul(%x, %s)
          %y : Tensor = aten::add(%m, %b, %one)
          %g : Tensor = aten::gelu(%y, %tanh)
          %p : Tensor = aten::mul(%g, %k)
          %q : Tensor = aten::rsub(%p, %half, %one)
          %r : Tensor = aten::pow(%q, %half)
          %u : Tensor = aten::mul(%r, %k)
          return (%u, %y)
        """;

    /// <summary>relu(x + b).</summary>
    public const string BiasRelu = """
        graph(%x : Tensor,
              %b : Tensor):
          %one : int = prim::Constant[value=1]()
          %y : Tensor = aten::add(%x, %b, %one)
          %r : Tensor = aten::relu(%y)
          return (%r)
        """;
}
