using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Reads a YAML file into <see cref="YNode"/> trees with YamlDotNet's representation model,
/// resolving aliases and <c>&lt;&lt;</c> merge keys. Bad YAML, over-deep nesting and alias bombs
/// become errors with the position YamlDotNet reports; nothing here throws for bad input.
/// </summary>
internal static class YamlReader
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    public const int MaxDepth = 100;
    public const int MaxNodes = 200_000;

    private const string MergeTag = "tag:yaml.org,2002:merge";
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>The documents of <paramref name="file"/>, or null when it cannot be read or parsed (errors are reported).</summary>
    public static IReadOnlyList<YNode>? ReadFile(SourceFile file, string keyPath, Diagnostics diagnostics)
    {
        string text;
        try
        {
            var info = new FileInfo(file.FullPath);
            if (info.Length > MaxFileBytes)
            {
                diagnostics.Error(new SourceLocation(file.DisplayPath, 1, 1), keyPath,
                    $"the file is {info.Length} bytes long; a spec file may have at most {MaxFileBytes} bytes");
                return null;
            }
            text = File.ReadAllText(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(new SourceLocation(file.DisplayPath, 1, 1), keyPath, $"cannot read the file: {e.Message}");
            return null;
        }
        return Parse(text, file, diagnostics);
    }

    /// <summary>The documents of <paramref name="text"/>, or null when it is not valid YAML (errors are reported).</summary>
    public static IReadOnlyList<YNode>? Parse(string text, SourceFile file, Diagnostics diagnostics)
    {
        if (!PreScan(text, file, diagnostics))
            return null;

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            ReportYamlError(e, text, file, diagnostics);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            diagnostics.Error(new SourceLocation(file.DisplayPath, 1, 1), "", $"invalid YAML: the document cannot be parsed ({e.Message})");
            return null;
        }

        var documents = new List<YNode>();
        var budget = new NodeBudget();
        foreach (var document in stream.Documents)
        {
            var root = Convert(document.RootNode, file, 0, budget, diagnostics);
            if (root is null)
                return null;
            documents.Add(root);
        }
        return documents;
    }

    /// <summary>
    /// Walks the event stream before the representation model is built: YamlDotNet builds nodes
    /// recursively, so an absurdly deep document would overflow the stack; and an alias to an
    /// unknown anchor gets a precise position here.
    /// </summary>
    private static bool PreScan(string text, SourceFile file, Diagnostics diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        diagnostics.Error(At(file, alias.Start), "",
                            $"invalid YAML: the alias '*{alias.Value.Value}' refers to no anchor defined before it; define '&{alias.Value.Value}' first");
                        return false;
                    case NodeEvent node when !node.Anchor.IsEmpty:
                        anchors.Add(node.Anchor.Value);
                        if (node is MappingStart or SequenceStart && ++depth > MaxDepth)
                            return TooDeep(file, node.Start, diagnostics);
                        break;
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                            return TooDeep(file, parser.Current.Start, diagnostics);
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
            }
            return true;
        }
        catch (YamlException e)
        {
            ReportYamlError(e, text, file, diagnostics);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            // YamlDotNet's scanner fails this way on some malformed input; the last good event is the best position known.
            diagnostics.Error(At(file, last), "", $"invalid YAML: the document cannot be parsed after this point ({e.Message})");
            return false;
        }
    }

    private static bool TooDeep(SourceFile file, Mark at, Diagnostics diagnostics)
    {
        diagnostics.Error(At(file, at), "", $"the document nests more than {MaxDepth} levels deep; a spec needs far fewer");
        return false;
    }

    private static void ReportYamlError(YamlException e, string text, SourceFile file, Diagnostics diagnostics)
    {
        var message = e.Message.Trim();
        if (e.InnerException is YamlException inner && !string.IsNullOrWhiteSpace(inner.Message))
            message = inner.Message.Trim();
        var at = At(file, e.Start);
        // YamlDotNet places "invalid tab as indentation" at the document start; point at the first tab that indents a line.
        if (message.Contains("tab", StringComparison.Ordinal) && e.Start.Index == 0 && FirstIndentingTab(text) is var (line, column))
            at = new SourceLocation(file.DisplayPath, line, column);
        diagnostics.Error(at, "", $"invalid YAML: {message}");
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            for (var j = 0; j < lines[i].Length && lines[i][j] is ' ' or '\t'; j++)
            {
                if (lines[i][j] == '\t')
                    return (i + 1, j + 1);
            }
        }
        return null;
    }

    private static SourceLocation At(SourceFile file, Mark mark) =>
        new(file.DisplayPath, Math.Max(1, (int)Math.Min(mark.Line, int.MaxValue)), Math.Max(1, (int)Math.Min(mark.Column, int.MaxValue)));

    private sealed class NodeBudget
    {
        public int Used;
    }

    private static YNode? Convert(YamlNode node, SourceFile file, int depth, NodeBudget budget, Diagnostics diagnostics)
    {
        var line = Math.Max(1, (int)Math.Min(node.Start.Line, int.MaxValue));
        var column = Math.Max(1, (int)Math.Min(node.Start.Column, int.MaxValue));
        if (++budget.Used > MaxNodes)
        {
            diagnostics.Error(new SourceLocation(file.DisplayPath, line, column), "",
                $"the document has more than {MaxNodes} values (counting every repeat of an alias); a spec needs far fewer");
            return null;
        }
        if (depth > MaxDepth)
        {
            diagnostics.Error(new SourceLocation(file.DisplayPath, line, column), "",
                $"the document nests more than {MaxDepth} levels deep (through aliases?); a spec needs far fewer");
            return null;
        }

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? "";
                var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                var isNull = plain && tag is not StringTag && value is "" or "~" or "null" or "Null" or "NULL";
                return new YScalar(file, line, column, value, isNull) { Tag = tag };

            case YamlSequenceNode sequence:
                var items = ImmutableArray.CreateBuilder<YNode>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    var converted = Convert(child, file, depth + 1, budget, diagnostics);
                    if (converted is null)
                        return null;
                    items.Add(converted);
                }
                return new YSequence(file, line, column, items.MoveToImmutable()) { Tag = tag };

            case YamlMappingNode mapping:
                return ConvertMapping(mapping, file, line, column, tag, depth, budget, diagnostics);

            default:
                diagnostics.Error(new SourceLocation(file.DisplayPath, line, column), "", "invalid YAML: unexpected node");
                return null;
        }
    }

    private static YMapping? ConvertMapping(YamlMappingNode mapping, SourceFile file, int line, int column, string? tag,
        int depth, NodeBudget budget, Diagnostics diagnostics)
    {
        var entries = new List<YEntry>(mapping.Children.Count);
        var merged = new List<YEntry>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (Convert(keyNode, file, depth + 1, budget, diagnostics) is not { } key)
                return null;
            if (key is not YScalar keyScalar)
            {
                diagnostics.Error(key, "", $"mapping keys must be strings; found {key.Describe()}");
                return null;
            }
            if (Convert(valueNode, file, depth + 1, budget, diagnostics) is not { } value)
                return null;

            if (IsMergeKey(keyScalar))
            {
                if (!CollectMerge(value, merged, diagnostics))
                    return null;
                continue;
            }
            entries.Add(new YEntry(keyScalar, value));
        }

        // Merge keys (<<) only add keys the mapping does not set itself; earlier sources win.
        foreach (var entry in merged)
        {
            if (!entries.Exists(e => e.Key.Value == entry.Key.Value))
                entries.Add(entry);
        }
        return new YMapping(file, line, column, [.. entries]) { Tag = tag };
    }

    private static bool IsMergeKey(YScalar key) => key.Value == "<<" && (key.Tag is null or MergeTag);

    private static bool CollectMerge(YNode value, List<YEntry> into, Diagnostics diagnostics)
    {
        switch (value)
        {
            case YMapping source:
                AddMissing(source, into);
                return true;
            case YSequence sources when sources.Items.All(i => i is YMapping):
                foreach (var source in sources.Items.Cast<YMapping>())
                    AddMissing(source, into);
                return true;
            default:
                diagnostics.Error(value, "", $"the merge key '<<' expects a mapping or a list of mappings (usually an alias like *defaults); found {value.Describe()}");
                return false;
        }
    }

    private static void AddMissing(YMapping source, List<YEntry> into)
    {
        foreach (var entry in source.Entries)
        {
            if (!into.Exists(e => e.Key.Value == entry.Key.Value))
                into.Add(entry);
        }
    }
}
