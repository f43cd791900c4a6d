namespace Skiff.Core.Specs.Validation;

/// <summary>
/// The depends_on graph: references to services that do not exist, and cycles, reported in
/// compose-go's words (<c>dependency cycle detected: a -> b -> a</c>). Services and their
/// dependencies are visited in name order, as compose-go does, so the message is reproducible.
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
                var hint = Loading.Suggestions.Hint(dependency.Service, names);
                yield return new SpecError(dependency.Location ?? service.Location, $"services.{service.Name}.depends_on",
                    $"service '{service.Name}' depends on undefined service '{dependency.Service}'{hint}");
            }
        }
    }

    public static IEnumerable<SpecError> FindCycles(AppSpec spec)
    {
        var services = spec.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        var errors = new List<SpecError>();

        void Visit(string name)
        {
            state[name] = false;
            path.Add(name);
            foreach (var next in services[name].DependsOn.Select(d => d.Service).Where(services.ContainsKey).Order(StringComparer.Ordinal))
            {
                if (!state.TryGetValue(next, out var done))
                {
                    Visit(next);
                }
                else if (!done)
                {
                    var cycle = path.Skip(path.IndexOf(next)).Append(next).ToList();
                    var first = services[cycle[0]];
                    var edge = first.DependsOn.FirstOrDefault(d => d.Service == cycle[1]);
                    errors.Add(new SpecError(edge?.Location ?? first.Location, $"services.{first.Name}.depends_on",
                        $"dependency cycle detected: {string.Join(" -> ", cycle)}"));
                }
            }
            path.RemoveAt(path.Count - 1);
            state[name] = true;
        }

        foreach (var name in services.Keys.Order(StringComparer.Ordinal))
        {
            if (!state.ContainsKey(name))
                Visit(name);
        }
        return errors;
    }
}
