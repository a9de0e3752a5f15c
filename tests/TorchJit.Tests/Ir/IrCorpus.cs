namespace TorchJit.Tests.Ir;

/// <summary>
/// Graphs as IR text that exercise the text formats and codegen: loops of each kind, nested blocks,
/// tuples, lists, strings, None and every constant kind. Each round-trips through the printer.
/// </summary>
internal static class IrCorpus
{
    /// <summary>for i in range(n): y = y + x; acc = acc + i — a tensor and an int carried.</summary>
    public const string ForLoop = """
        graph(%x.1 : Tensor,
              %n.1 : int):
          %2 : bool = prim::Constant[value=1]()
          %3 : int = prim::Constant[value=1]()
          %4 : int = prim::Constant[value=0]()
          %y : Tensor, %acc : int = prim::Loop(%n.1, %2, %x.1, %4)
            block0(%i.1 : int, %y.1 : Tensor, %acc.1 : int):
              %y.3 : Tensor = aten::add(%y.1, %x.1, %3)
              %acc.3 : int = aten::add(%acc.1, %i.1)
              -> (%2, %y.3, %acc.3)
          return (%y, %acc)

        """;

    /// <summary>i = 0; while i &lt; limit: y = y * y; i += 1 — the condition is computed in the body.</summary>
    public const string WhileLoop = """
        graph(%x.1 : Tensor,
              %limit.1 : int):
          %2 : int = prim::Constant[value=9223372036854775807]()
          %3 : int = prim::Constant[value=1]()
          %4 : int = prim::Constant[value=0]()
          %5 : bool = aten::lt(%4, %limit.1)
          %i : int, %y : Tensor = prim::Loop(%2, %5, %4, %x.1)
            block0(%6 : int, %i.1 : int, %y.1 : Tensor):
              %y.3 : Tensor = aten::mul(%y.1, %y.1)
              %i.3 : int = aten::add(%i.1, %3)
              %7 : bool = aten::lt(%i.3, %limit.1)
              -> (%7, %i.3, %y.3)
          return (%y)

        """;

    /// <summary>At most n trips, stopping once k reaches stop: a trip count and a condition together (no Python loop prints it).</summary>
    public const string ForWithBreak = """
        graph(%x.1 : Tensor,
              %n.1 : int,
              %stop.1 : int):
          %2 : bool = prim::Constant[value=1]()
          %3 : int = prim::Constant[value=1]()
          %4 : int = prim::Constant[value=0]()
          %y : Tensor, %k : int = prim::Loop(%n.1, %2, %x.1, %4)
            block0(%i.1 : int, %y.1 : Tensor, %k.1 : int):
              %y.3 : Tensor = aten::add(%y.1, %x.1, %3)
              %k.3 : int = aten::add(%k.1, %3)
              %c : bool = aten::lt(%k.3, %stop.1)
              -> (%c, %y.3, %k.3)
          return (%y, %k)

        """;

    /// <summary>for i in range(n): for j in range(i): acc += i * j; y = y * 0.5 + x.</summary>
    public const string NestedLoops = """
        graph(%x.1 : Tensor,
              %n.1 : int):
          %2 : bool = prim::Constant[value=1]()
          %3 : int = prim::Constant[value=0]()
          %4 : float = prim::Constant[value=0.5]()
          %5 : int = prim::Constant[value=1]()
          %acc : int, %y : Tensor = prim::Loop(%n.1, %2, %3, %x.1)
            block0(%i.1 : int, %acc.1 : int, %y.1 : Tensor):
              %acc.5 : int, %y.5 : Tensor = prim::Loop(%i.1, %2, %acc.1, %y.1)
                block0(%j.1 : int, %acc.3 : int, %y.3 : Tensor):
                  %6 : int = aten::mul(%i.1, %j.1)
                  %acc.4 : int = aten::add(%acc.3, %6)
                  %7 : Tensor = aten::mul(%y.3, %4)
                  %y.4 : Tensor = aten::add(%7, %x.1, %5)
                  -> (%2, %acc.4, %y.4)
              -> (%2, %acc.5, %y.5)
          return (%acc, %y)

        """;

    /// <summary>if c: (for i in range(n): y = y + x) else: y = x — a loop inside an if.</summary>
    public const string LoopInIf = """
        graph(%x.1 : Tensor,
              %c.1 : bool,
              %n.1 : int):
          %2 : bool = prim::Constant[value=1]()
          %3 : int = prim::Constant[value=1]()
          %y : Tensor = prim::If(%c.1)
            block0():
              %y.2 : Tensor = prim::Loop(%n.1, %2, %x.1)
                block0(%i.1 : int, %y.1 : Tensor):
                  %y.3 : Tensor = aten::add(%y.1, %x.1, %3)
                  -> (%2, %y.3)
              -> (%y.2)
            block1():
              -> (%x.1)
          return (%y)

        """;

    /// <summary>Carried float, bool and a swap: (a, b) = (b, a) each trip; f = f * 1.5; flag = not flag.</summary>
    public const string SwapAndScalars = """
        graph(%a.1 : Tensor,
              %b.1 : Tensor,
              %n.1 : int):
          %2 : bool = prim::Constant[value=1]()
          %3 : float = prim::Constant[value=1.5]()
          %4 : float = prim::Constant[value=1.]()
          %5 : bool = prim::Constant[value=0]()
          %a : Tensor, %b : Tensor, %f : float, %flag : bool = prim::Loop(%n.1, %2, %a.1, %b.1, %4, %5)
            block0(%i.1 : int, %a.3 : Tensor, %b.3 : Tensor, %f.1 : float, %flag.1 : bool):
              %f.3 : float = aten::mul(%f.1, %3)
              %flag.3 : bool = aten::__not__(%flag.1)
              -> (%2, %b.3, %a.3, %f.3, %flag.3)
          return (%a, %b, %f, %flag)

        """;

    /// <summary>An if without outputs: the empty else prints 'pass'.</summary>
    public const string IfWithoutOutputs = """
        graph(%x.1 : Tensor,
              %c.1 : bool):
           = prim::If(%c.1)
            block0():
               = prim::Print(%x.1)
              -> ()
            block1():
              -> ()
          return (%x.1)

        """;

    /// <summary>Tuples, lists, strings, None and each constant kind.</summary>
    public const string Structures = """
        graph(%a.1 : Tensor,
              %b.1 : int):
          %t : (Tensor, int) = prim::TupleConstruct(%a.1, %b.1)
          %x : Tensor, %y : int = prim::TupleUnpack(%t)
          %l : int[] = prim::ListConstruct(%y, %b.1)
          %tl : Tensor[] = prim::ListConstruct(%x, %a.1)
          %s : str = prim::Constant[value="say \"hi\"\n\tand \\ \'bye\'"]()
          %n : NoneType = prim::Constant()
          %f : float = prim::Constant[value=0.10000000000000001]()
          %e : float = prim::Constant[value=1.0000000000000001e-05]()
          %w : float = prim::Constant[value=10.]()
          %m : float = prim::Constant[value=-inf]()
          %i : int[] = prim::Constant[value=[1, -2, 3]]()
          %z : int[] = prim::Constant[value=annotate(List[int], [])]()
          %tr : bool = prim::Constant[value=1]()
          %fa : bool = prim::Constant[value=0]()
          %big : int = prim::Constant[value=-9223372036854775808]()
          %r : (Tensor[], int[], str, NoneType, float, float, float, float, int[], int[], bool, bool, int) = prim::TupleConstruct(%tl, %l, %s, %n, %f, %e, %w, %m, %i, %z, %tr, %fa, %big)
          return (%r)

        """;

    /// <summary>Tensor constants as a trace records them, with complete types.</summary>
    public const string TensorConstants = """
        graph(%self : __torch__.M,
              %x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
          %2 : Long(requires_grad=0, device=cpu) = prim::Constant[value={10}]()
          %3 : Float(requires_grad=0, device=cpu) = prim::Constant[value={0.5}]()
          %4 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
          %5 : int = prim::Constant[value=1]()
          %6 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::add(%x, %2, %5) # M.cs:12:9
          %7 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::mul(%6, %3) # M.cs:13:9
          %8 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::sub(%7, %4, %5) # M.cs:14:9
          return (%8)

        """;

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        [nameof(ForLoop)] = ForLoop,
        [nameof(WhileLoop)] = WhileLoop,
        [nameof(ForWithBreak)] = ForWithBreak,
        [nameof(NestedLoops)] = NestedLoops,
        [nameof(LoopInIf)] = LoopInIf,
        [nameof(SwapAndScalars)] = SwapAndScalars,
        [nameof(IfWithoutOutputs)] = IfWithoutOutputs,
        [nameof(Structures)] = Structures,
        [nameof(TensorConstants)] = TensorConstants,
    };
}
