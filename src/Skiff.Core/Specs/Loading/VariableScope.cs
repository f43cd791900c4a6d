using System.Collections;
using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Where interpolation and <c>environment: [KEY]</c> find values: layers searched in order
/// (the caller's variables or the process environment first, then <c>.env</c> files).
/// </summary>
internal sealed record VariableScope(ImmutableArray<IReadOnlyDictionary<string, string>> Layers)
{
    public static VariableScope Of(params IReadOnlyDictionary<string, string>[] layers) => new([.. layers]);

    public string? Get(string name)
    {
        foreach (var layer in Layers)
        {
            if (layer.TryGetValue(name, out var value))
                return value;
        }
        return null;
    }

    /// <summary>This scope with <paramref name="layer"/> searched last.</summary>
    public VariableScope Then(IReadOnlyDictionary<string, string> layer) => new(Layers.Add(layer));

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
                variables[key] = value;
        }
        return variables;
    }
}
