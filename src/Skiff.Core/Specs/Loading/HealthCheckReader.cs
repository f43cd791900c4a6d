using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A service's <c>healthcheck:</c>. <c>test</c> is <c>[CMD, arg…]</c>, <c>[CMD-SHELL, "cmd"]</c>,
/// <c>[NONE]</c> or a string (run by the shell); durations use Compose's syntax.
/// </summary>
internal static class HealthCheckReader
{
    public static HealthCheckSpec? Read(YNode node, string path, ReadContext context)
    {
        if (context.Read.MappingOrNull(node, path) is not { } mapping)
            return null;
        var spec = new HealthCheckSpec();
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            var read = context.Read;
            switch (entry.Key.Value)
            {
                case "test":
                    spec = ReadTest(entry.Value, keyPath, context) is { } test
                        ? spec with { Test = test.Command, Disabled = spec.Disabled || test.Disabled }
                        : spec;
                    break;
                case "interval":
                    spec = read.Duration(entry.Value, keyPath) is { } interval ? spec with { Interval = interval } : spec;
                    break;
                case "timeout":
                    spec = read.Duration(entry.Value, keyPath) is { } timeout ? spec with { Timeout = timeout } : spec;
                    break;
                case "start_period":
                    spec = read.Duration(entry.Value, keyPath) is { } period ? spec with { StartPeriod = period } : spec;
                    break;
                case "start_interval":
                    spec = read.Duration(entry.Value, keyPath) is { } startInterval ? spec with { StartInterval = startInterval } : spec;
                    break;
                case "retries":
                    spec = read.Int(entry.Value, keyPath, min: 0) is { } retries ? spec with { Retries = retries } : spec;
                    break;
                case "disable":
                    spec = read.Bool(entry.Value, keyPath) == true ? spec with { Disabled = true } : spec;
                    break;
                case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    context.Diagnostics.Error(entry.Key, keyPath,
                        $"unknown key '{entry.Key.Value}' in healthcheck; expected test, interval, timeout, retries, start_period, start_interval or disable");
                    break;
            }
        }
        return spec;
    }

    private readonly record struct Test(ImmutableArray<string> Command, bool Disabled);

    private static Test? ReadTest(YNode node, string path, ReadContext context)
    {
        const string Expected = "[\"CMD\", \"program\", \"arg\"], [\"CMD-SHELL\", \"command\"], [\"NONE\"] or a shell command string";
        switch (node)
        {
            case YScalar { IsNull: false, Value.Length: > 0 } shell:
                return new Test(["sh", "-c", shell.Value], false);
            case YSequence:
                if (context.Read.StringList(node, path) is not { Length: > 0 } items)
                {
                    context.Diagnostics.Error(node, path, $"expected {Expected}, found an empty list");
                    return null;
                }
                switch (items[0])
                {
                    case "NONE":
                        return new Test([], true);
                    case "CMD" when items.Length > 1:
                        return new Test(items[1..], false);
                    case "CMD-SHELL" when items.Length > 1:
                        return new Test(["sh", "-c", string.Join(' ', items[1..])], false);
                    default:
                        context.Diagnostics.Error(node, path, $"a test list starts with CMD, CMD-SHELL or NONE followed by the command; expected {Expected}");
                        return null;
                }
            default:
                context.Diagnostics.Error(node, path, $"expected {Expected}, found {(node is YScalar ? "an empty value" : node.Describe())}");
                return null;
        }
    }
}
