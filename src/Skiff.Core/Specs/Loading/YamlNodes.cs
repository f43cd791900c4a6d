using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// A file a node came from: its absolute path, the path shown in messages, and the folder its
/// relative paths resolve against (the file's own folder, the project folder for override files,
/// or an include's <c>project_directory</c>).
/// </summary>
internal sealed record SourceFile(string FullPath, string DisplayPath, string BaseDirectory)
{
    /// <summary>A file of the repository at <paramref name="root"/>, shown relative to it.</summary>
    public static SourceFile For(string root, string fullPath, string? baseDirectory = null) =>
        new(fullPath, RepositoryPaths.Display(root, fullPath), baseDirectory ?? Path.GetDirectoryName(fullPath) ?? root);
}

/// <summary>
/// An immutable YAML node that remembers where it was written. Merges, extends and includes build
/// new trees out of these, so every value keeps the file, line and column it came from.
/// </summary>
internal abstract record YNode(SourceFile Source, int Line, int Column)
{
    /// <summary>The node's explicit tag (<c>!reset</c>, <c>!override</c>), or null.</summary>
    public string? Tag { get; init; }

    public SourceLocation Location => new(Source.DisplayPath, Line, Column);

    /// <summary>"a mapping", "a list", "a string" or "null": for messages.</summary>
    public abstract string Describe();
}

/// <param name="Value">The scalar's text.</param>
/// <param name="IsNull">A plain <c>~</c>, <c>null</c> or empty scalar.</param>
internal sealed record YScalar(SourceFile Source, int Line, int Column, string Value, bool IsNull) : YNode(Source, Line, Column)
{
    public override string Describe() => IsNull ? "null" : "a string";

    /// <summary>A scalar with new text, at the same place (for values derived from this one).</summary>
    public YScalar WithValue(string value) => this with { Value = value, IsNull = false };
}

internal sealed record YEntry(YScalar Key, YNode Value);

internal sealed record YMapping(SourceFile Source, int Line, int Column, ImmutableArray<YEntry> Entries) : YNode(Source, Line, Column)
{
    public override string Describe() => "a mapping";

    public YEntry? FindEntry(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
                return entry;
        }
        return null;
    }

    public YNode? this[string key] => FindEntry(key)?.Value;

    public bool ContainsKey(string key) => FindEntry(key) is not null;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key.Value);

    /// <summary>This mapping with <paramref name="key"/> set (replacing in place, or appended).</summary>
    public YMapping With(YScalar key, YNode value)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (Entries[i].Key.Value == key.Value)
                return this with { Entries = Entries.SetItem(i, new YEntry(Entries[i].Key, value)) };
        }
        return this with { Entries = Entries.Add(new YEntry(key, value)) };
    }

    public YMapping Without(string key) => this with { Entries = Entries.RemoveAll(e => e.Key.Value == key) };

    /// <summary>An empty mapping at the place of <paramref name="at"/>.</summary>
    public static YMapping EmptyAt(YNode at) => new(at.Source, at.Line, at.Column, []);
}

internal sealed record YSequence(SourceFile Source, int Line, int Column, ImmutableArray<YNode> Items) : YNode(Source, Line, Column)
{
    public override string Describe() => "a list";
}
