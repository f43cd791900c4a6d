using System.Collections.Immutable;
using System.Globalization;
using Skiff.Core.Units;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Typed reads of <see cref="YNode"/>s. Each method reports a positioned error that says what was
/// found and what is expected, and returns null, so callers simply skip what is wrong.
/// </summary>
internal sealed class NodeReader(Diagnostics diagnostics)
{
    public Diagnostics Diagnostics { get; } = diagnostics;

    public YMapping? Mapping(YNode node, string path, string expected = "a mapping")
    {
        if (node is YMapping mapping)
            return mapping;
        Diagnostics.Error(node, path, $"expected {expected}, found {node.Describe()}");
        return null;
    }

    /// <summary>A mapping, or an empty one for a null value (<c>db_data:</c> with nothing after it).</summary>
    public YMapping? MappingOrNull(YNode node, string path, string expected = "a mapping")
    {
        if (node is YScalar { IsNull: true })
            return YMapping.EmptyAt(node);
        return Mapping(node, path, expected);
    }

    public YSequence? Sequence(YNode node, string path, string expected = "a list")
    {
        if (node is YSequence sequence)
            return sequence;
        Diagnostics.Error(node, path, $"expected {expected}, found {node.Describe()}");
        return null;
    }

    /// <summary>A scalar's text (numbers and booleans as written); null for null or a wrong type.</summary>
    public string? String(YNode node, string path, string expected = "a string")
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return null;
            case YScalar scalar:
                return scalar.Value;
            default:
                Diagnostics.Error(node, path, $"expected {expected}, found {node.Describe()}");
                return null;
        }
    }

    /// <summary>A non-empty string: null (with an error) when missing, empty or of the wrong type.</summary>
    public string? RequiredString(YNode node, string path, string expected = "a string")
    {
        if (node is YScalar { IsNull: true } || node is YScalar { Value.Length: 0 })
        {
            Diagnostics.Error(node, path, $"expected {expected}, found an empty value");
            return null;
        }
        return String(node, path, expected);
    }

    public bool? Bool(YNode node, string path)
    {
        if (String(node, path, "true or false") is not { } text)
            return null;
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Diagnostics.Error(node, path, $"expected true or false, found '{text}'");
                return null;
        }
    }

    public int? Int(YNode node, string path, int min = int.MinValue, int max = int.MaxValue, string expected = "a whole number")
    {
        if (String(node, path, expected) is not { } text)
            return null;
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            var range = (min, max) switch
            {
                (int.MinValue, int.MaxValue) => "",
                (_, int.MaxValue) => $" of at least {min}",
                _ => $" from {min} to {max}",
            };
            Diagnostics.Error(node, path, $"expected {expected}{range}, found '{text}'");
            return null;
        }
        return value;
    }

    /// <summary>A positive number such as <c>2</c> or <c>"0.5"</c> (CPU cores).</summary>
    public double? PositiveNumber(YNode node, string path, string expected = "a positive number such as 2 or 0.5")
    {
        if (String(node, path, expected) is not { } text)
            return null;
        if (!double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ||
            value <= 0 || double.IsInfinity(value))
        {
            Diagnostics.Error(node, path, $"expected {expected}, found '{text}'");
            return null;
        }
        return value;
    }

    public TimeSpan? Duration(YNode node, string path)
    {
        if (String(node, path, "a duration such as 30s or 1m30s") is not { } text)
            return null;
        if (!DurationFormat.TryParse(text, out var value))
        {
            Diagnostics.Error(node, path, $"'{text}' is not a duration; expected a number with a unit (ms, s, m, h, d, w), such as 30s, 1m30s or 12h");
            return null;
        }
        return value;
    }

    public long? Bytes(YNode node, string path)
    {
        if (String(node, path, "a size such as 512m or 2GiB") is not { } text)
            return null;
        if (!ByteSize.TryParse(text, out var value) || value <= 0)
        {
            Diagnostics.Error(node, path, $"'{text}' is not a size; expected a number with an optional unit (b, k, m, g, t), such as 512m, 1.5g or 2GiB");
            return null;
        }
        return value;
    }

    /// <summary>A list of strings, or one string taken as a one-item list.</summary>
    public ImmutableArray<string>? StringOrList(YNode node, string path, string expected = "a string or a list of strings")
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return null;
            case YScalar scalar:
                return [scalar.Value];
            case YSequence:
                return StringList(node, path);
            default:
                Diagnostics.Error(node, path, $"expected {expected}, found {node.Describe()}");
                return null;
        }
    }

    public ImmutableArray<string>? StringList(YNode node, string path)
    {
        if (Sequence(node, path, "a list of strings") is not { } sequence)
            return null;
        var builder = ImmutableArray.CreateBuilder<string>(sequence.Items.Length);
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            if (String(sequence.Items[i], KeyPaths.Item(path, i)) is { } text)
                builder.Add(text);
            else if (sequence.Items[i] is YScalar { IsNull: true })
                Diagnostics.Error(sequence.Items[i], KeyPaths.Item(path, i), "expected a string, found null");
        }
        return builder.ToImmutable();
    }
}
