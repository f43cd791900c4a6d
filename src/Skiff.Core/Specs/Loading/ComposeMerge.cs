using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Merges Compose trees as the Compose specification's "merge and override" rules say (override
/// files, <c>extends</c>, skiff.yaml <c>services:</c>): mappings merge key by key; <c>command</c>,
/// <c>entrypoint</c> and <c>healthcheck.test</c> are replaced; <c>environment</c>, <c>labels</c> and
/// <c>build.args</c> merge by variable name in either form; <c>depends_on</c> merges by service;
/// <c>ports</c>, <c>volumes</c>, <c>secrets</c>, <c>configs</c>, <c>expose</c> and <c>env_file</c>
/// are appended with later entries replacing earlier ones of the same target; other lists are
/// appended; scalars are replaced. A value tagged <c>!reset</c> removes the key, one tagged
/// <c>!override</c> replaces it whole.
/// </summary>
internal static class ComposeMerge
{
    public const string ResetTag = "!reset";
    public const string OverrideTag = "!override";

    private static readonly HashSet<string> Replaced = ["command", "entrypoint", "healthcheck.test"];

    private static readonly HashSet<string> KeyedMaps = ["environment", "labels", "annotations", "build.args", "build.labels", "deploy.labels", "sysctls"];

    private static readonly HashSet<string> NamedSections = ["services", "volumes", "networks", "secrets", "configs"];

    private static readonly Dictionary<string, Func<YNode, string?>> UniqueBy = new()
    {
        ["ports"] = PortKey,
        ["volumes"] = VolumeTarget,
        ["secrets"] = node => FileMountTarget(node, "/run/secrets/"),
        ["configs"] = node => FileMountTarget(node, "/"),
        ["env_file"] = node => node is YMapping m ? (m["path"] as YScalar)?.Value : ScalarKey(node),
        ["expose"] = ScalarKey,
        ["profiles"] = ScalarKey,
        ["cap_add"] = ScalarKey,
        ["cap_drop"] = ScalarKey,
        ["dns"] = ScalarKey,
        ["dns_search"] = ScalarKey,
        ["dns_opt"] = ScalarKey,
        ["devices"] = ScalarKey,
        ["security_opt"] = ScalarKey,
        ["tmpfs"] = ScalarKey,
        ["links"] = ScalarKey,
        ["external_links"] = ScalarKey,
        ["group_add"] = ScalarKey,
        ["volumes_from"] = ScalarKey,
    };

    /// <summary>Applies an override file (or skiff.yaml's Compose keys) to a project.</summary>
    public static YMapping MergeProjects(YMapping project, YMapping over) =>
        MergeEntries(project, over, (key, existing, value) =>
        {
            if (NamedSections.Contains(key) && existing is YMapping a && value is YMapping b && value.Tag != OverrideTag)
                return MergeNamed(a, b, key == "services" ? MergeServices : (x, y) => MergeValue(x, y, key + ".*"));
            return key == "x-skiff" ? MergeValue(existing, value, "x-skiff") : Untag(value);
        });

    /// <summary>Merges one service over another (an override over its base, or a service over the one it extends).</summary>
    public static YNode MergeServices(YNode service, YNode over)
    {
        if (over.Tag == OverrideTag)
            return Untag(over);
        var a = service is YScalar { IsNull: true } ? YMapping.EmptyAt(service) : service;
        var b = over is YScalar { IsNull: true } ? YMapping.EmptyAt(over) : over;
        if (a is YMapping baseService && b is YMapping overService)
            return MergeMappings(baseService, overService, "");
        return b;
    }

    /// <summary>Removes every entry tagged <c>!reset</c> that no merge consumed.</summary>
    public static YNode DropResets(YNode node) => node switch
    {
        YMapping mapping => mapping with
        {
            Entries = [.. mapping.Entries.Where(e => e.Value.Tag != ResetTag).Select(e => e with { Value = DropResets(e.Value) })],
        },
        YSequence sequence => sequence with { Items = [.. sequence.Items.Where(i => i.Tag != ResetTag).Select(DropResets)] },
        _ => node,
    };

    private static YMapping MergeNamed(YMapping items, YMapping over, Func<YNode, YNode, YNode> merge) =>
        MergeEntries(items, over, (_, existing, value) => merge(existing, value));

    /// <summary>
    /// The entries of <paramref name="mapping"/> with those of <paramref name="over"/> applied in
    /// order: <c>!reset</c> removes a key, a new key is appended, an existing one is merged by
    /// <paramref name="merge"/> (key, existing value, overriding value). Keys keep their first place.
    /// </summary>
    private static YMapping MergeEntries(YMapping mapping, YMapping over, Func<string, YNode, YNode, YNode> merge)
    {
        var entries = new List<YEntry?>(mapping.Entries);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
            positions.TryAdd(entries[i]!.Key.Value, i);

        foreach (var entry in over.Entries)
        {
            var key = entry.Key.Value;
            var found = positions.TryGetValue(key, out var index);
            if (entry.Value.Tag == ResetTag)
            {
                if (found)
                {
                    entries[index] = null;
                    positions.Remove(key);
                }
                continue;
            }
            if (!found)
            {
                positions[key] = entries.Count;
                entries.Add(entry with { Value = Untag(entry.Value) });
                continue;
            }
            var existing = entries[index]!;
            entries[index] = new YEntry(existing.Key, merge(key, existing.Value, entry.Value));
        }
        return mapping with { Entries = [.. entries.OfType<YEntry>()] };
    }

    private static YNode MergeValue(YNode existing, YNode over, string rule)
    {
        if (over.Tag == OverrideTag || Replaced.Contains(rule))
            return Untag(over);

        if (rule == "build")
            return MergeValue(BuildAsMapping(existing), BuildAsMapping(over), "build.*");
        if (rule == "depends_on" || rule == "networks")
            return Merge(NamesAsMapping(existing), NamesAsMapping(over), rule);
        if (KeyedMaps.Contains(rule))
            return Merge(PairsAsMapping(existing), PairsAsMapping(over), rule);
        if (UniqueBy.TryGetValue(rule, out var key) && existing is YSequence a && over is YSequence b)
            return AppendUnique(a, b, key);
        return Merge(existing, over, rule);
    }

    private static YNode Merge(YNode existing, YNode over, string rule) => (existing, over) switch
    {
        (YMapping a, YMapping b) => MergeMappings(a, b, rule),
        (YSequence a, YSequence b) => a with { Items = a.Items.AddRange(b.Items) },
        _ => over,
    };

    private static YMapping MergeMappings(YMapping mapping, YMapping over, string rule)
    {
        var prefix = rule.EndsWith(".*", StringComparison.Ordinal) ? rule[..^2] : rule;
        return MergeEntries(mapping, over, (key, existing, value) => key.StartsWith("x-", StringComparison.Ordinal)
            ? Untag(value)
            : MergeValue(existing, value, prefix.Length == 0 ? key : $"{prefix}.{key}"));
    }

    private static YSequence AppendUnique(YSequence items, YSequence over, Func<YNode, string?> keyOf)
    {
        var result = items.Items.ToList();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Count; i++)
        {
            if (keyOf(result[i]) is { } k)
                positions.TryAdd(k, i);
        }
        foreach (var item in over.Items)
        {
            var k = keyOf(item);
            if (k is not null && positions.TryGetValue(k, out var at))
            {
                result[at] = item;
                continue;
            }
            if (k is not null)
                positions[k] = result.Count;
            result.Add(item);
        }
        return items with { Items = [.. result] };
    }

    private static YNode Untag(YNode node) => node.Tag == OverrideTag ? node with { Tag = null } : node;

    private static YNode BuildAsMapping(YNode build) => build is YScalar { IsNull: false } context
        ? new YMapping(context.Source, context.Line, context.Column, [new YEntry(context with { Value = "context", Tag = null }, context)])
        : build;

    /// <summary><c>[a, b]</c> as <c>{a: null, b: null}</c> (depends_on, networks).</summary>
    private static YNode NamesAsMapping(YNode node)
    {
        if (node is not YSequence sequence || !sequence.Items.All(i => i is YScalar { IsNull: false }))
            return node;
        var entries = sequence.Items.Cast<YScalar>()
            .Select(name => new YEntry(name, new YScalar(name.Source, name.Line, name.Column, "", IsNull: true)));
        return new YMapping(sequence.Source, sequence.Line, sequence.Column, [.. entries]);
    }

    /// <summary><c>["K=V", "K"]</c> as <c>{K: V, K: null}</c> (environment, labels, build.args).</summary>
    internal static YNode PairsAsMapping(YNode node)
    {
        if (node is not YSequence sequence || !sequence.Items.All(i => i is YScalar { IsNull: false }))
            return node;
        var entries = ImmutableArray.CreateBuilder<YEntry>();
        foreach (var item in sequence.Items.Cast<YScalar>())
        {
            var separator = item.Value.IndexOf('=');
            var key = separator < 0 ? item.Value : item.Value[..separator];
            YScalar value = separator < 0 ? item with { Value = "", IsNull = true } : item.WithValue(item.Value[(separator + 1)..]);
            var existing = entries.FindIndex(e => e.Key.Value == key);
            var entry = new YEntry(item.WithValue(key), value);
            if (existing >= 0)
                entries[existing] = entry;
            else
                entries.Add(entry);
        }
        return new YMapping(sequence.Source, sequence.Line, sequence.Column, entries.ToImmutable());
    }

    private static int FindIndex(this ImmutableArray<YEntry>.Builder entries, Predicate<YEntry> match)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (match(entries[i]))
                return i;
        }
        return -1;
    }

    private static string? ScalarKey(YNode node) => node is YScalar { IsNull: false } s ? s.Value : null;

    private static string? PortKey(YNode node) => node switch
    {
        YScalar { IsNull: false } s => s.Value,
        YMapping m => $"{Text(m, "host_ip") ?? "0.0.0.0"}:{Text(m, "published") ?? ""}:{Text(m, "target") ?? ""}/{Text(m, "protocol") ?? "tcp"}",
        _ => null,
    };

    private static string? VolumeTarget(YNode node) => node switch
    {
        YScalar { IsNull: false } s => MountParser.SplitShort(s.Value) is { } parts ? parts.Target : s.Value,
        YMapping m => Text(m, "target"),
        _ => null,
    };

    private static string? FileMountTarget(YNode node, string defaultFolder) => node switch
    {
        YScalar { IsNull: false } s => defaultFolder + s.Value,
        YMapping m when Text(m, "target") is { } target => target.StartsWith('/') ? target : defaultFolder + target,
        YMapping m => defaultFolder + Text(m, "source"),
        _ => null,
    };

    private static string? Text(YMapping mapping, string key) => mapping[key] is YScalar { IsNull: false } s ? s.Value : null;
}
