using TorchJit.Ir;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// View ops on inputs that are themselves views: reshape/view, transpose/permute/t, select/narrow/slice,
/// expand, squeeze/unsqueeze, flatten and contiguous give the reference's elements exactly, and the views
/// share storage: a copy_ into the storage's owner shows through them, and a copy_ through a view reaches
/// the owner.
/// </summary>
public sealed class ViewOpTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(3), 0.1);

    public static TheoryData<string> Ops => ["transpose", "permute", "t", "select", "narrow", "slice", "expand", "squeeze", "squeeze(dim)", "unsqueeze", "view", "reshape", "flatten", "contiguous"];

    [Theory]
    [MemberData(nameof(Ops))]
    public void ValuesMatchAndStorageIsShared(string name)
    {
        var rng = Seeds.For(name);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2, maxElements: 512))
        {
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Float(rng, shape, layout, Values);
                foreach (var (args, run, reference, alwaysView) in Cases(name, rng, x))
                {
                    string c = $"x: {x}, {name}({args})";
                    var v = run(x.Tensor);
                    Close.Check($"aten::{name}", c, reference(x.Values), v, Tolerance.Exact);
                    CheckSharing(c, x, v, reference, alwaysView || x.Tensor.IsContiguous && name is "reshape" or "flatten" or "view");
                    i++;
                }
            }
        }

        Assert.True(i > 0);
    }

    [Fact]
    public void CopyIntoAViewWritesTheOwnerThroughTheViewsStrides()
    {
        var rng = new Random(101);
        foreach (var shape in new[] { new[] { 3, 4 }, [2, 3, 5], [5], [1, 1] })
        {
            foreach (var layout in Layouts.Distinct)
            {
                var x = Operand.Float(rng, shape, layout, Values);
                var replacement = Operand.Float(rng, shape, Layout.Transposed, Values);
                var before = Read.Values(x.Root);

                x.Tensor.copy_(replacement.Tensor);

                Close.Check("copy_", $"into {x} from {replacement}", replacement.Values, x.Tensor, Tolerance.Exact);
                // Elements of the owner outside the view are untouched.
                var after = Read.Values(x.Root);
                int changed = before.Zip(after).Count(p => !p.First.Equals(p.Second));
                Assert.True(changed <= x.Values.Length, $"copy_ into {x} changed {changed} owner elements");
            }
        }
    }

    [Fact]
    public void CopyIntoAnExpandedViewIsRefusedAsInPyTorch()
    {
        var x = arange(0, 6, 1.0).reshape(2, 3);

        var e = Assert.Throws<InvalidOperationException>(() => zeros(3).expand(2, 3).copy_(x));
        Assert.Contains("single memory location", e.Message);
        Assert.Contains("Float[2, 3]", e.Message);
    }

    private static void CheckSharing(string c, Operand x, Tensor v, Func<RefTensor, RefTensor> reference, bool mustShare)
    {
        if (x.Values.Length == 0) return;
        x.Root.copy_(-x.Root);
        var negated = reference(x.Values.Map(d => -d));
        var seen = Read.Values(v);
        bool follows = seen.Zip(negated.Data).All(p => p.First.Equals(p.Second));
        bool stale = seen.Zip(reference(x.Values).Data).All(p => p.First.Equals(p.Second));
        x.Root.copy_(-x.Root);
        if (mustShare) Assert.True(follows, $"{c}: a copy_ into the owner of the input's storage does not show through the view");
        else Assert.True(follows || stale, $"{c}: the result partly follows the input's storage");
    }

    private static IEnumerable<(string Args, Func<Tensor, Tensor> Run, Func<RefTensor, RefTensor> Reference, bool AlwaysView)> Cases(string name, Random rng, Operand x)
    {
        int r = x.Shape.Length;
        int[] shape = x.Shape;
        switch (name)
        {
            case "transpose" when r > 0:
            {
                int a = rng.Next(-r, r), b = rng.Next(-r, r);
                yield return ($"{a}, {b}", t => t.transpose(a, b), v => Permute(v, Swap(r, Wrap(a, r), Wrap(b, r))), true);
                break;
            }

            case "permute":
            {
                var perm = Enumerable.Range(0, r).OrderBy(_ => rng.Next()).ToArray();
                var spelled = perm.Select(p => (long)(rng.Next(2) == 0 ? p : p - r)).ToArray();
                yield return (string.Join(", ", spelled), t => t.permute(spelled), v => Permute(v, perm), true);
                break;
            }

            case "t" when r <= 2:
                yield return ("", t => t.t(), v => r < 2 ? v : Permute(v, [1, 0]), true);
                break;

            case "select":
                for (int d = 0; d < r; d++)
                {
                    if (shape[d] == 0) continue;
                    int dim = rng.Next(2) == 0 ? d : d - r, index = rng.Next(-shape[d], shape[d]);
                    int at = index < 0 ? index + shape[d] : index, dd = d;
                    yield return ($"{dim}, {index}", t => t.select(dim, index), v => Select(v, dd, at), true);
                }

                break;

            case "narrow":
                for (int d = 0; d < r; d++)
                {
                    // A negative start counts from the end, as in PyTorch.
                    int from = rng.Next(0, shape[d] + 1), length = rng.Next(0, shape[d] - from + 1), dd = d;
                    int start = from > 0 && rng.Next(2) == 0 ? from - shape[d] : from;
                    yield return ($"{d}, {start}, {length}", t => t.narrow(dd, start, length), v => Slice(v, dd, from, from + length, 1), true);
                }

                break;

            case "slice":
                for (int d = 0; d < r; d++)
                {
                    long? start = rng.Next(3) == 0 ? null : rng.Next(-shape[d] - 2, shape[d] + 2);
                    long? end = rng.Next(3) == 0 ? null : rng.Next(-shape[d] - 2, shape[d] + 3);
                    int step = rng.Next(1, 4), dd = d;
                    // Python's clamping of slice bounds.
                    int s = Bound(start ?? 0, shape[d]), e = Math.Max(s, Bound(end ?? shape[d], shape[d]));
                    yield return ($"{d}, {start}, {end}, {step}", t => t.slice(dd, start, end, step), v => Slice(v, dd, s, e, step), true);
                }

                break;

            case "expand":
            {
                long[] sizes = [2, .. shape.Select(s => s == 1 && rng.Next(2) == 0 ? 3L : rng.Next(2) == 0 ? -1L : s)];
                int[] target = [2, .. shape.Select((s, d) => sizes[d + 1] == -1 ? s : (int)sizes[d + 1])];
                yield return (string.Join(", ", sizes), t => t.expand(sizes), v => Broadcast(v, target), true);
                break;
            }

            case "squeeze":
                yield return ("", t => t.squeeze(), v => new RefTensor([.. v.Shape.Where(s => s != 1)], v.Data), true);
                break;

            case "squeeze(dim)":
                for (int d = -Math.Max(r, 1); d < Math.Max(r, 1); d++)
                {
                    int dd = d, w = r == 0 ? 0 : Wrap(d, r);
                    yield return ($"{d}", t => t.squeeze(dd), v => r > 0 && v.Shape[w] == 1 ? new RefTensor([.. v.Shape.Where((_, k) => k != w)], v.Data) : v, true);
                }

                break;

            case "unsqueeze":
                for (int d = -(r + 1); d <= r; d++)
                {
                    int dd = d, w = Wrap(d, r + 1);
                    yield return ($"{d}", t => t.unsqueeze(dd), v => new RefTensor([.. v.Shape[..w], 1, .. v.Shape[w..]], v.Data), true);
                }

                break;

            case "view" when x.Tensor.IsContiguous:
            case "reshape":
            {
                var target = Factor(rng, shape);
                long[] spelled = [.. target.Select(s => (long)s)];
                if (spelled.Length > 0 && target.All(s => s != 0)) spelled[rng.Next(spelled.Length)] = -1;
                yield return (string.Join(", ", spelled), t => name == "view" ? t.view(spelled) : t.reshape(spelled), v => new RefTensor(target, v.Data), name == "view");
                break;
            }

            case "flatten":
                for (int s = 0; s < Math.Max(r, 1); s++)
                {
                    int e = rng.Next(s, Math.Max(r, 1)), ss = s;
                    int[] target = r == 0 ? [1] : [.. shape[..s], RefTensor.Count(shape[s..(e + 1)]), .. shape[(e + 1)..]];
                    yield return ($"{s}, {e}", t => t.flatten(ss, e), v => new RefTensor(target, v.Data), false);
                }

                break;

            case "contiguous":
                yield return ("", t => t.contiguous(), v => v, false);
                yield return ("aten::contiguous", t => AtenOps.contiguous(t, 0), v => v, false);
                break;
        }
    }

    // A random shape with the same element count: the sizes' prime factors regrouped (zeros kept).
    private static int[] Factor(Random rng, int[] shape)
    {
        int n = RefTensor.Count(shape);
        if (n == 0) return [.. shape.Reverse()];
        var factors = new List<int>();
        for (int p = 2, m = n; m > 1; p++)
            for (; m % p == 0; m /= p) factors.Add(p);
        int rank = rng.Next(1, 5);
        var result = Enumerable.Repeat(1, rank).ToArray();
        foreach (int f in factors) result[rng.Next(rank)] *= f;
        return result;
    }

    private static int Wrap(int d, int rank) => d < 0 ? d + rank : d;

    private static int Bound(long i, int size) => (int)Math.Clamp(i < 0 ? i + size : i, 0, size);

    private static int[] Swap(int rank, int a, int b)
    {
        var p = Enumerable.Range(0, rank).ToArray();
        (p[a], p[b]) = (p[b], p[a]);
        return p;
    }

    // out[i] = v[j] with j[perm[k]] = i[k].
    private static RefTensor Permute(RefTensor v, int[] perm)
    {
        var result = RefTensor.Zeros([.. perm.Select(p => v.Shape[p])]);
        var j = new int[v.Rank];
        foreach (var i in RefTensor.Indices(result.Shape))
        {
            for (int k = 0; k < perm.Length; k++) j[perm[k]] = i[k];
            result[i] = v[j];
        }

        return result;
    }

    private static RefTensor Select(RefTensor v, int dim, int index)
    {
        var result = RefTensor.Zeros([.. v.Shape.Where((_, k) => k != dim)]);
        foreach (var i in RefTensor.Indices(result.Shape)) result[i] = v[[.. i[..dim], index, .. i[dim..]]];
        return result;
    }

    private static RefTensor Slice(RefTensor v, int dim, int start, int end, int step)
    {
        var shape = (int[])v.Shape.Clone();
        shape[dim] = (end - start + step - 1) / step;
        var result = RefTensor.Zeros(shape);
        foreach (var i in RefTensor.Indices(shape))
        {
            var j = (int[])i.Clone();
            j[dim] = start + (i[dim] * step);
            result[i] = v[j];
        }

        return result;
    }

    private static RefTensor Broadcast(RefTensor v, int[] shape)
    {
        var result = RefTensor.Zeros(shape);
        foreach (var i in RefTensor.Indices(shape)) result[i] = v.At(i);
        return result;
    }
}
