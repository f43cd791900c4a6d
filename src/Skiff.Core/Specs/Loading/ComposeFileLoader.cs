using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Loads Compose files into trees: parse (each file once), interpolate, then resolve the file's
/// top-level <c>include</c> and its services' <c>extends</c>, as compose-go does per file before
/// override files are merged.
/// </summary>
internal sealed class ComposeFileLoader(ReadContext context)
{
    private readonly Dictionary<(string Path, string Base), YMapping?> _parsed = [];

    public ReadContext Context { get; } = context;

    /// <summary>
    /// One file as a project layer: parsed, interpolated with <paramref name="scope"/>, its includes
    /// and extends resolved. <paramref name="includeChain"/> holds the files that include this one.
    /// </summary>
    public YMapping? LoadLayer(string fullPath, string baseDirectory, VariableScope scope, ImmutableList<string> includeChain,
        SourceLocation? referencedAt, string keyPath)
    {
        if (LoadInterpolated(fullPath, baseDirectory, scope, referencedAt, keyPath) is not { } layer)
            return null;
        layer = IncludeResolver.Apply(layer, this, scope, includeChain.Add(fullPath));
        return ExtendsResolver.Apply(layer, this, scope);
    }

    /// <summary>A file parsed and interpolated, without includes or extends (what <c>extends.file</c> reads).</summary>
    public YMapping? LoadInterpolated(string fullPath, string baseDirectory, VariableScope scope, SourceLocation? referencedAt, string keyPath)
    {
        if (Parse(fullPath, baseDirectory, referencedAt, keyPath) is not { } parsed)
            return null;
        return (YMapping)NodeInterpolator.Apply(parsed, scope, Context.Diagnostics);
    }

    /// <summary>A file's documents merged into one mapping (cached); null when it cannot be used (reported).</summary>
    public YMapping? Parse(string fullPath, string baseDirectory, SourceLocation? referencedAt, string keyPath)
    {
        if (_parsed.TryGetValue((fullPath, baseDirectory), out var cached))
            return cached;
        var result = ParseUncached(fullPath, baseDirectory, referencedAt, keyPath);
        _parsed[(fullPath, baseDirectory)] = result;
        return result;
    }

    private YMapping? ParseUncached(string fullPath, string baseDirectory, SourceLocation? referencedAt, string keyPath)
    {
        var file = Context.SourceFor(fullPath, baseDirectory);
        if (!File.Exists(fullPath))
        {
            Context.Diagnostics.Error(referencedAt ?? new SourceLocation(file.DisplayPath, 1, 1), keyPath,
                Directory.Exists(fullPath) ? $"'{file.DisplayPath}' is a folder; expected a Compose file" : $"the file '{file.DisplayPath}' does not exist");
            return null;
        }
        Context.NoteFileRead(fullPath);
        if (YamlReader.ReadFile(file, "", Context.Diagnostics) is not { } documents)
            return null;

        YMapping? merged = null;
        foreach (var document in documents)
        {
            var mapping = document switch
            {
                YMapping m => m,
                YScalar { IsNull: true } => YMapping.EmptyAt(document),
                _ => null,
            };
            if (mapping is null)
            {
                Context.Diagnostics.Error(document, "",
                    $"the top level of a Compose file must be a mapping of keys such as 'services:', found {document.Describe()}");
                return null;
            }
            merged = merged is null ? mapping : ComposeMerge.MergeProjects(merged, mapping);
        }
        return merged ?? new YMapping(file, 1, 1, []);
    }
}
