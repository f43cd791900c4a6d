using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's <c>depends_on:</c>: a list of names, or a mapping of names to
/// <c>{condition, required, restart}</c>.
/// </summary>
internal static class DependsOnReader
{
    public static ImmutableArray<DependencySpec> Read(YNode node, string path, ReadContext context)
    {
        var result = ImmutableArray.CreateBuilder<DependencySpec>();
        switch (node)
        {
            case YScalar { IsNull: true }:
                break;
            case YSequence sequence:
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    if (context.Read.RequiredString(sequence.Items[i], KeyPaths.Item(path, i), "a service name") is { } name)
                        Add(result, new DependencySpec(name) { Location = sequence.Items[i].Location }, sequence.Items[i], path, context);
                }
                break;
            case YMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    if (ReadLong(entry, KeyPaths.Child(path, entry.Key.Value), context) is { } dependency)
                        Add(result, dependency, entry.Key, path, context);
                }
                break;
            default:
                context.Diagnostics.Error(node, path, $"expected a list of service names or a mapping of names to {{condition}}, found {node.Describe()}");
                break;
        }
        return result.ToImmutable();
    }

    private static void Add(ImmutableArray<DependencySpec>.Builder result, DependencySpec dependency, YNode at, string path, ReadContext context)
    {
        if (result.Any(d => d.Service == dependency.Service))
        {
            context.Diagnostics.Error(at, path, $"'{dependency.Service}' is listed twice in depends_on");
            return;
        }
        result.Add(dependency);
    }

    private static DependencySpec? ReadLong(YEntry entry, string path, ReadContext context)
    {
        var dependency = new DependencySpec(entry.Key.Value) { Location = entry.Key.Location };
        if (context.Read.MappingOrNull(entry.Value, path, "a mapping with 'condition'") is not { } mapping)
            return null;
        foreach (var item in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, item.Key.Value);
            switch (item.Key.Value)
            {
                case "condition":
                    var text = context.Read.String(item.Value, keyPath, "service_started, service_healthy or service_completed_successfully");
                    DependencyCondition? condition = text switch
                    {
                        null => null,
                        "service_started" => DependencyCondition.Started,
                        "service_healthy" => DependencyCondition.Healthy,
                        "service_completed_successfully" => DependencyCondition.CompletedSuccessfully,
                        _ => null,
                    };
                    if (condition is null && text is not null)
                        context.Diagnostics.Error(item.Value, keyPath, $"unknown condition '{text}'; expected service_started, service_healthy or service_completed_successfully");
                    if (condition is { } c)
                        dependency = dependency with { Condition = c };
                    break;
                case "required":
                    dependency = dependency with { Required = context.Read.Bool(item.Value, keyPath) ?? true };
                    break;
                case "restart":
                    context.Read.Bool(item.Value, keyPath);
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(item.Key, keyPath, $"unknown key '{item.Key.Value}' in depends_on; expected condition, required or restart");
                    break;
            }
        }
        return dependency;
    }
}
