using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Lens.Dashboard.Tests.Architecture;

/// <summary>
/// Which parts of the dashboard use which, read from the compiled assembly: every type a part's code names in its
/// signatures, fields, attributes and method bodies. A part is a feature (Lens.Dashboard.Features.X and below) or
/// another top-level namespace (Http, Persistence, Hosting, Components). Compiler-made types (lambdas, async state
/// machines) count for the type they were made from.
/// </summary>
public sealed class NamespaceGraph
{
    private const string Root = "Lens.Dashboard";

    public Dictionary<string, HashSet<string>> Uses { get; } = new(StringComparer.Ordinal);

    /// <summary>For each edge, one example of the code that makes it, so a failure says where to look.</summary>
    public Dictionary<(string From, string To), string> Evidence { get; } = new();

    public static NamespaceGraph Of(string assemblyPath)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = PartOf(Outermost(type));
            if (from is null) continue;
            graph.Uses.TryAdd(from, []);
            foreach (var (used, where) in References(type))
                if (PartOf(used) is { } to && to != from)
                {
                    graph.Uses[from].Add(to);
                    graph.Evidence.TryAdd((from, to), $"{type.FullName} {where} {used.FullName}");
                }
        }
        return graph;
    }

    /// <summary>Every strongly connected group of two or more parts: each is a cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Uses.GetValueOrDefault(v, []))
            {
                if (!indices.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], indices[w]);
            }
            if (low[v] != indices[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) cycles.Add(group.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in Uses.Keys.Order(StringComparer.Ordinal))
            if (!indices.ContainsKey(v)) Visit(v);
        return cycles;
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static string? PartOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var ns = type.Namespace;
        if (ns != Root && !ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var parts = ns.Split('.');
        if (parts.Length < 3) return null; // the root namespace: Program
        return parts[2] == "Features" && parts.Length > 3 ? $"Features.{parts[3]}" : parts[2];
    }

    private static IEnumerable<(TypeReference Type, string Where)> References(TypeDefinition type)
    {
        if (type.BaseType is { } baseType) foreach (var t in Expand(baseType)) yield return (t, "derives from");
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return (t, "implements");
        foreach (var a in type.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return (t, "has attribute");
        foreach (var f in type.Fields) foreach (var t in Expand(f.FieldType)) yield return (t, $"field {f.Name} is");
        foreach (var p in type.Properties)
        {
            foreach (var t in Expand(p.PropertyType)) yield return (t, $"property {p.Name} is");
            foreach (var a in p.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return (t, $"property {p.Name} has attribute");
        }
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return (t, $"{m.Name} returns");
            foreach (var p in m.Parameters) foreach (var t in Expand(p.ParameterType)) yield return (t, $"{m.Name} takes");
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return (t, $"{m.Name} holds");
            foreach (var instruction in m.Body.Instructions)
            {
                var operand = instruction.Operand switch
                {
                    TypeReference t => t,
                    MethodReference r => r.DeclaringType,
                    FieldReference f => f.DeclaringType,
                    _ => null,
                };
                if (operand is not null) foreach (var t in Expand(operand)) yield return (t, $"{m.Name} uses");
                if (instruction.Operand is MethodReference method)
                {
                    foreach (var t in Expand(method.ReturnType)) yield return (t, $"{m.Name} calls a method returning");
                    if (method is GenericInstanceMethod generic)
                        foreach (var arg in generic.GenericArguments) foreach (var t in Expand(arg)) yield return (t, $"{m.Name} calls with");
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var arg in generic.GenericArguments) foreach (var t in Expand(arg)) yield return t;
                break;
            case TypeSpecification spec:
                foreach (var t in Expand(spec.ElementType)) yield return t;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
