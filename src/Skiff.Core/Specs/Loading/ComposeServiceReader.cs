using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Reads one Compose service (after merges and extends) into a <see cref="ServiceSpec"/>. Every key
/// is supported, ignored with a warning or refused, as <see cref="ServiceKeys"/> says; unknown keys
/// are errors.
/// </summary>
internal static partial class ComposeServiceReader
{
    [GeneratedRegex(@"^(no|always|unless-stopped|on-failure(:\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RestartPolicy();

    public static ServiceSpec? Read(YEntry entry, ReadContext context,
        IReadOnlyDictionary<string, FileDefinition> secrets, IReadOnlyDictionary<string, FileDefinition> configs)
    {
        var name = entry.Key.Value;
        var path = KeyPaths.Child("services", name);
        if (context.Read.MappingOrNull(entry.Value, path, "a mapping of service keys") is not { } mapping)
            return null;

        var spec = new ServiceSpec { Name = name, Location = entry.Key.Location };
        YNode? envFile = null, environment = null;
        ResourceLimits? deploy = null, memLimit = null, cpus = null, skiff = null;
        foreach (var item in mapping.Entries)
        {
            var key = item.Key.Value;
            var keyPath = KeyPaths.Child(path, key);
            if (NodeInterpolator.IsIgnoredExtension(key))
                continue;
            if (!ServiceKeys.All.TryGetValue(key, out var rule))
            {
                context.Diagnostics.Error(item.Key, keyPath, $"unknown key '{key}' in service '{name}'{Suggestions.Hint(key, ServiceKeys.All.Keys)}");
                continue;
            }
            if (rule.Support == KeySupport.Refused)
            {
                context.Diagnostics.Error(item.Key, keyPath, $"'{key}' is not supported: {rule.Reason}");
                continue;
            }
            if (rule.Support == KeySupport.Ignored)
            {
                if (rule.RefuseWhen is { } refuse && item.Value is YScalar { IsNull: false } value && refuse(value.Value))
                    context.Diagnostics.Error(item.Key, keyPath, $"'{key}: {value.Value}' is not supported: {rule.RefusedReason}");
                else if (key != "privileged" || item.Value is not YScalar { Value: "false" or "False" })
                    context.Diagnostics.Warn(item.Key, keyPath, $"'{key}' is ignored: {rule.Reason}");
                continue;
            }

            var node = item.Value;
            var read = context.Read;
            switch (key)
            {
                case "build":
                    spec = spec with { Build = BuildReader.Read(node, keyPath, context) };
                    break;
                case "image":
                    spec = spec with { Image = read.RequiredString(node, keyPath, "an image reference such as postgres:16") };
                    break;
                case "command":
                    spec = spec with { Command = CommandReader.Read(node, keyPath, context) };
                    break;
                case "entrypoint":
                    spec = spec with { Entrypoint = CommandReader.Read(node, keyPath, context) };
                    break;
                case "environment":
                    environment = node;
                    break;
                case "env_file":
                    envFile = node;
                    break;
                case "ports":
                    spec = spec with { Ports = ReadList(node, keyPath, context, (n, p) => PortParser.Parse(n, p, read)) };
                    break;
                case "expose":
                    spec = spec with { Expose = ReadList(node, keyPath, context, (n, p) => ReadExpose(n, p, read)) };
                    break;
                case "depends_on":
                    spec = spec with { DependsOn = DependsOnReader.Read(node, keyPath, context) };
                    break;
                case "healthcheck":
                    spec = spec with { HealthCheck = HealthCheckReader.Read(node, keyPath, context) };
                    break;
                case "volumes":
                    spec = spec with { Mounts = ReadList<MountSpec>(node, keyPath, context, (n, p) => MountParser.Parse(n, p, context) is { } m ? [m] : []) };
                    break;
                case "restart":
                    spec = spec with { Restart = ReadRestart(node, keyPath, read) };
                    break;
                case "working_dir":
                    spec = spec with { WorkingDir = ReadWorkingDir(node, keyPath, read) };
                    break;
                case "user":
                    spec = spec with { User = read.String(node, keyPath, "a user name or id, such as 1000 or app:app") };
                    break;
                case "profiles":
                    spec = spec with { Profiles = read.StringOrList(node, keyPath, "a list of profile names") ?? [] };
                    break;
                case "secrets":
                    spec = spec with { Files = spec.Files.AddRange(FileMountReader.Read(node, keyPath, FileMountKind.Secret, secrets, name, context)) };
                    break;
                case "configs":
                    spec = spec with { Files = spec.Files.AddRange(FileMountReader.Read(node, keyPath, FileMountKind.Config, configs, name, context)) };
                    break;
                case "deploy":
                    deploy = DeployReader.Read(node, keyPath, context);
                    break;
                case "mem_limit":
                    memLimit = read.Bytes(node, keyPath) is { } bytes ? new ResourceLimits(null, bytes) { Location = node.Location } : null;
                    break;
                case "cpus":
                    cpus = read.PositiveNumber(node, keyPath) is { } cores ? new ResourceLimits(cores) { Location = node.Location } : null;
                    break;
                case "x-skiff":
                    skiff = ReadServiceExtension(node, keyPath, context);
                    break;
            }
        }

        if ((mapping.ContainsKey("build") && spec.Build is null) || (mapping.ContainsKey("image") && spec.Image is null))
            context.ServicesWithBrokenSource.Add(name);
        spec = spec with
        {
            Environment = EnvironmentReader.Read(envFile, environment, path, context),
            Resources = CombineResources(deploy, memLimit, cpus, skiff, path, context),
        };
        return spec;
    }

    private static ImmutableArray<T> ReadList<T>(YNode node, string path, ReadContext context, Func<YNode, string, IReadOnlyList<T>> readItem)
    {
        if (node is YScalar { IsNull: true } || context.Read.Sequence(node, path) is not { } sequence)
            return [];
        var builder = ImmutableArray.CreateBuilder<T>();
        for (var i = 0; i < sequence.Items.Length; i++)
            builder.AddRange(readItem(sequence.Items[i], KeyPaths.Item(path, i)));
        return builder.ToImmutable();
    }

    private static IReadOnlyList<int> ReadExpose(YNode node, string path, NodeReader read)
    {
        if (read.String(node, path, "a port number such as 3000") is not { } text)
            return [];
        var port = text.Split('/')[0].Trim();
        var dash = port.IndexOf('-');
        var (fromText, toText) = dash < 0 ? (port, port) : (port[..dash], port[(dash + 1)..]);
        if (int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from) &&
            int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to) &&
            from is > 0 and <= 65535 && to >= from && to <= 65535 && to - from < PortParser.MaxRange)
        {
            return Enumerable.Range(from, to - from + 1).ToArray();
        }
        read.Diagnostics.Error(node, path, $"'{text}' is not a port; expected a number from 1 to 65535 (or a range such as 3000-3005)");
        return [];
    }

    private static string? ReadRestart(YNode node, string path, NodeReader read)
    {
        if (read.String(node, path, "no, always, on-failure[:N] or unless-stopped") is not { } text)
            return null;
        if (RestartPolicy().IsMatch(text))
            return text;
        read.Diagnostics.Error(node, path, $"unknown restart policy '{text}'; expected no, always, on-failure, on-failure:N or unless-stopped");
        return null;
    }

    private static string? ReadWorkingDir(YNode node, string path, NodeReader read)
    {
        if (read.String(node, path, "an absolute path in the container") is not { } text)
            return null;
        if (text.StartsWith('/'))
            return text;
        read.Diagnostics.Error(node, path, $"working_dir '{text}' must be an absolute path in the container, such as /app");
        return null;
    }

    private static ResourceLimits? ReadServiceExtension(YNode node, string path, ReadContext context)
    {
        if (context.Read.Mapping(node, path, "a mapping with 'resources'") is not { } mapping)
            return null;
        ResourceLimits? resources = null;
        foreach (var entry in mapping.Entries)
        {
            var keyPath = KeyPaths.Child(path, entry.Key.Value);
            if (entry.Key.Value == "resources")
                resources = ResourcesReader.Read(entry.Value, keyPath, context);
            else
                context.Diagnostics.Error(entry.Key, keyPath, $"unknown key '{entry.Key.Value}' in a service's x-skiff; expected resources");
        }
        return resources;
    }

    /// <summary>x-skiff.resources wins; otherwise deploy.resources.limits and mem_limit/cpus, which must agree.</summary>
    private static ResourceLimits CombineResources(ResourceLimits? deploy, ResourceLimits? memLimit, ResourceLimits? cpus,
        ResourceLimits? skiff, string path, ReadContext context)
    {
        if (deploy?.MemoryBytes is { } a && memLimit?.MemoryBytes is { } b && a != b)
            context.Diagnostics.Error(memLimit.Location, KeyPaths.Child(path, "mem_limit"), "mem_limit and deploy.resources.limits.memory disagree; give the limit once");
        if (deploy?.Cpus is { } c && cpus?.Cpus is { } d && Math.Abs(c - d) > 1e-9)
            context.Diagnostics.Error(cpus.Location, KeyPaths.Child(path, "cpus"), "cpus and deploy.resources.limits.cpus disagree; give the limit once");

        var memory = skiff?.MemoryBytes ?? deploy?.MemoryBytes ?? memLimit?.MemoryBytes;
        var cores = skiff?.Cpus ?? deploy?.Cpus ?? cpus?.Cpus;
        var location = skiff?.Location ?? deploy?.Location ?? memLimit?.Location ?? cpus?.Location;
        return memory is null && cores is null ? new ResourceLimits() : new ResourceLimits(cores, memory) { Location = location };
    }
}
