namespace Skiff.Core.Specs.Validation;

/// <summary>
/// The depends_on graph: references to services that do not exist, and cycles, reported in
/// compose-go's words (<c>dependency cycle detected: a -> b -> a</c>). Services and their
/// dependencies are visited in name order, as compose-go does, so the message is reproducible.
/// The walk keeps its own stack, so a long chain of services cannot overflow the thread's.
/// </summary>
internal static class DependencyGraph
{
    public static IEnumerable<SpecError> FindUnknown(AppSpec spec)
    {
        var names = spec.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in spec.Services)
        {
            foreach (var dependency in service.DependsOn.Where(d => !names.Contains(d.Service)))
            {
                var hint = Suggestions.Hint(dependency.Service, names);
                yield return new SpecError(dependency.Location ?? service.Location, $"services.{service.Name}.depends_on",
                    $"service '{service.Name}' depends on undefined service '{dependency.Service}'{hint}");
            }
        }
    }

    public static IReadOnlyList<SpecError> FindCycles(AppSpec spec)
    {
        var services = new Dictionary<string, ServiceSpec>(StringComparer.Ordinal);
        foreach (var service in spec.Services)
            services.TryAdd(service.Name, service);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal); // name -> index in path
        var errors = new List<SpecError>();

        foreach (var start in services.Keys.Order(StringComparer.Ordinal))
        {
            if (done.Contains(start))
                continue;
            var path = new List<string>();
            var pending = new Stack<IEnumerator<string>>();
            Enter(start);
            while (pending.Count > 0)
            {
                var next = pending.Peek();
                if (!next.MoveNext())
                {
                    pending.Pop();
                    var left = path[^1];
                    path.RemoveAt(path.Count - 1);
                    onPath.Remove(left);
                    done.Add(left);
                    continue;
                }
                var dependency = next.Current;
                if (onPath.TryGetValue(dependency, out var at))
                    errors.Add(CycleError(services, [.. path.Skip(at), dependency]));
                else if (!done.Contains(dependency))
                    Enter(dependency);
            }

            void Enter(string name)
            {
                onPath[name] = path.Count;
                path.Add(name);
                pending.Push(services[name].DependsOn.Select(d => d.Service).Where(services.ContainsKey)
                    .Distinct().Order(StringComparer.Ordinal).GetEnumerator());
            }
        }
        return errors;
    }

    private static SpecError CycleError(Dictionary<string, ServiceSpec> services, List<string> cycle)
    {
        var first = services[cycle[0]];
        var edge = first.DependsOn.FirstOrDefault(d => d.Service == cycle[1]);
        return new SpecError(edge?.Location ?? first.Location, $"services.{first.Name}.depends_on",
            $"dependency cycle detected: {string.Join(" -> ", cycle)}");
    }
}
