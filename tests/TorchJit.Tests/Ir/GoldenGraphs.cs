namespace TorchJit.Tests.Ir;

/// <summary>
/// The graphs behind the fixture archives' code, written as IR text: what <c>torch.jit.script</c> (or
/// <c>trace</c>) makes of the Python in each archive's MANIFEST line, with PyTorch's value names.
/// </summary>
internal static class GoldenGraphs
{
    public sealed record Golden(string Archive, string Entry, IReadOnlyList<(string Name, string Ir)> Methods);

    public static IReadOnlyDictionary<string, Golden> All { get; } = new Dictionary<string, Golden>
    {
        // Foo3, scripted: result = x[0]; for i in range(x.size(0)): if i: result *= x[i]
        ["tchrs_foo3"] = new("tchrs_foo3.pt", "code/__torch__.py", [("forward", """
            graph(%self : __torch__.Foo3,
                  %x.1 : Tensor):
              %2 : bool = prim::Constant[value=1]()
              %3 : int = prim::Constant[value=0]()
              %result.1 : Tensor = aten::select(%x.1, %3, %3)
              %6 : int = aten::size(%x.1, %3)
              %result : Tensor = prim::Loop(%6, %2, %result.1)
                block0(%i.1 : int, %result.7 : Tensor):
                  %10 : bool = aten::Bool(%i.1)
                  %result.5 : Tensor = prim::If(%10)
                    block0():
                      %13 : Tensor = aten::select(%x.1, %3, %i.1)
                      %result.3 : Tensor = aten::mul(%result.7, %13)
                      -> (%result.3)
                    block1():
                      -> (%result.7)
                  -> (%2, %result.5)
              return (%result)

            """)]),

        // Foo, scripted: 2 * x + y + self.value (a buffer).
        ["tchrs_foo"] = new("tchrs_foo.pt", "code/__torch__.py", [("forward", """
            graph(%self : __torch__.Foo,
                  %x.1 : Tensor,
                  %y.1 : Tensor):
              %3 : int = prim::Constant[value=2]()
              %4 : int = prim::Constant[value=1]()
              %5 : Tensor = aten::mul(%x.1, %3)
              %6 : Tensor = aten::add(%5, %y.1, %4)
              %value : Tensor = prim::GetAttr[name="value"](%self)
              %8 : Tensor = aten::add(%6, %value, %4)
              return (%8)

            """)]),

        // Foo2, traced: (2 * x + y, x - y); the tuple expression is long, so it gets a temporary.
        ["tchrs_foo2"] = new("tchrs_foo2.pt", "code/__torch__.py", [("forward", """
            graph(%self : __torch__.Foo2,
                  %x : Tensor,
                  %y : Tensor):
              %3 : int = prim::Constant[value=2]()
              %4 : Tensor = aten::mul(%x, %3)
              %5 : int = prim::Constant[value=1]()
              %6 : Tensor = aten::add(%4, %y, %5)
              %7 : int = prim::Constant[value=1]()
              %8 : Tensor = aten::sub(%x, %y, %7)
              %9 : (Tensor, Tensor) = prim::TupleConstruct(%6, %8)
              return (%9)

            """)]),

        ["tuple_out"] = new("tuple_out.dat", "code/__torch__.py", [("forward", AddSub("__torch__.PlaceholderModule", "(Tensor, Tensor)", "prim::TupleConstruct"))]),

        ["list_out"] = new("list_out.dat", "code/__torch__.py", [("forward", AddSub("__torch__.PlaceholderModule", "Tensor[]", "prim::ListConstruct"))]),

        ["func"] = new("func.script.dat", "code/__torch__.py", [("forward", """
            graph(%self : __torch__.PlaceholderModule,
                  %x.1 : Tensor,
                  %y.1 : Tensor):
              %3 : int = prim::Constant[value=1]()
              %4 : Tensor = aten::add(%x.1, %y.1, %3)
              return (%4)

            """)]),

        // MyModule with @torch.jit.export methods: three methods printed in order in one class.
        ["exported.method"] = new("exported.method.dat", "code/__torch__.py",
        [
            ("forward", AddSub("__torch__.MyModule", "(Tensor, Tensor)", "prim::TupleConstruct")),
            ("add_scalar", """
                graph(%self : __torch__.MyModule,
                      %x.1 : Tensor,
                      %i.1 : int):
                  %3 : int = prim::Constant[value=1]()
                  %4 : Tensor = aten::add(%x.1, %i.1, %3)
                  return (%4)

                """),
            ("predict", """
                graph(%self : __torch__.MyModule,
                      %x.1 : Tensor):
                  %p : Tensor = prim::GetAttr[name="p"](%self)
                  %3 : int = prim::Constant[value=1]()
                  %4 : Tensor = aten::add(%x.1, %p, %3)
                  return (%4)

                """),
        ]),

        // Sequential(Linear, ReLU), traced: the sub-modules are called through getattr(self, "0").
        ["linrelu"] = new("linrelu.script.dat", "container/___torch_mangle_7.py", [("forward", """
            graph(%self : __torch__.torch.nn.modules.container.___torch_mangle_7.Sequential,
                  %input.1 : Tensor):
              %_1 : __torch__.torch.nn.modules.activation.___torch_mangle_6.ReLU = prim::GetAttr[name="1"](%self)
              %_0 : __torch__.torch.nn.modules.linear.___torch_mangle_5.Linear = prim::GetAttr[name="0"](%self)
              %4 : Tensor = prim::CallMethod[name="forward"](%_0, %input.1)
              %5 : Tensor = prim::CallMethod[name="forward"](%_1, %4)
              return (%5)

            """)]),

        ["linrelu.linear"] = new("linrelu.script.dat", "linear/___torch_mangle_5.py", [("forward", """
            graph(%self : __torch__.torch.nn.modules.linear.___torch_mangle_5.Linear,
                  %input : Tensor):
              %bias : Tensor = prim::GetAttr[name="bias"](%self)
              %weight : Tensor = prim::GetAttr[name="weight"](%self)
              %4 : Tensor = aten::linear(%input, %weight, %bias)
              return (%4)

            """)]),

        ["linrelu.relu"] = new("linrelu.script.dat", "activation/___torch_mangle_6.py", [("forward", """
            graph(%self : __torch__.torch.nn.modules.activation.___torch_mangle_6.ReLU,
                  %argument_1 : Tensor):
              %2 : Tensor = aten::relu(%argument_1)
              return (%2)

            """)]),
    };

    // def forward(self, x, y): return <pack>(torch.add(x, y), torch.sub(x, y))
    private static string AddSub(string selfType, string packType, string pack) => $"""
        graph(%self : {selfType},
              %x.1 : Tensor,
              %y.1 : Tensor):
          %4 : int = prim::Constant[value=1]()
          %5 : Tensor = aten::add(%x.1, %y.1, %4)
          %8 : Tensor = aten::sub(%x.1, %y.1, %4)
          %9 : {packType} = {pack}(%5, %8)
          return (%9)

        """;
}
