using Skiff.Core.Naming;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Engine;

/// <summary>The labels Skiff puts on engine objects and the list filters that find them again.</summary>
internal static class LabelFilters
{
    /// <summary>Objects of one environment: <c>label=dev.skiff.env=NAME</c>.</summary>
    public static IDictionary<string, IDictionary<string, bool>> ForEnvironment(string environment) =>
        Label($"{EngineNames.EnvironmentLabel}={environment}");

    /// <summary>Objects of any environment: <c>label=dev.skiff.env</c>.</summary>
    public static IDictionary<string, IDictionary<string, bool>> AnyEnvironment() => Label(EngineNames.EnvironmentLabel);

    /// <summary>
    /// Checks the label on a listed object again. Deletions rely on this as well as on the engine's
    /// filter, so an engine that ignored a filter could never make Skiff remove someone else's objects.
    /// </summary>
    public static bool BelongsTo(IDictionary<string, string>? labels, string environment) =>
        labels is not null && labels.TryGetValue(EngineNames.EnvironmentLabel, out var value) && value == environment;

    public static string? EnvironmentOf(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(EngineNames.EnvironmentLabel, out var value) && value.Length > 0 ? value : null;

    /// <summary>A label's value, or "" when the object lacks it.</summary>
    public static string Value(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : "";

    public static Dictionary<string, string> ForNetwork(string environment) => new()
    {
        [EngineNames.EnvironmentLabel] = environment,
    };

    public static Dictionary<string, string> ForVolume(string environment, string volume) => new()
    {
        [EngineNames.EnvironmentLabel] = environment,
        [EngineNames.VolumeLabel] = volume,
    };

    public static Dictionary<string, string> ForContainer(ContainerRequest request)
    {
        var labels = new Dictionary<string, string>
        {
            [EngineNames.EnvironmentLabel] = request.Environment,
            [EngineNames.ServiceLabel] = request.Service,
            [EngineNames.HashLabel] = request.Hash,
        };
        if (request.SourceDirectory is { } source)
            labels[EngineNames.SourceLabel] = source;
        return labels;
    }

    private static Dictionary<string, IDictionary<string, bool>> Label(string value) => new()
    {
        ["label"] = new Dictionary<string, bool> { [value] = true },
    };
}
