using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Skiff.Server.Configuration;

/// <summary>Reads typed values out of YAML nodes, turning every problem into a <c>file:line:col: key: message</c> error.</summary>
internal sealed class ConfigReader(string file)
{
    public ServerConfigException Error(YamlNode node, string key, string message) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: {key}: {message}");

    public YamlMappingNode Mapping(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Error(node, key, "expected a mapping (key: value lines)");

    public YamlSequenceNode Sequence(YamlNode node, string key) =>
        node as YamlSequenceNode ?? throw Error(node, key, "expected a list");

    public string String(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, key, "expected a non-empty text value");

    public int Integer(YamlNode node, string key, int min, int max)
    {
        var text = String(node, key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Error(node, key, $"expected a whole number from {min} to {max}, got '{text}'");
        return value;
    }

    public long Long(YamlNode node, string key)
    {
        var text = String(node, key);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw Error(node, key, $"expected a positive whole number, got '{text}'");
    }

    public bool Boolean(YamlNode node, string key) => String(node, key).ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(node, key, $"expected true or false, got '{other}'"),
    };

    public TimeSpan Duration(YamlNode node, string key)
    {
        var text = String(node, key);
        return Core.Units.DurationFormat.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw Error(node, key, $"expected a duration such as 30m, 12h or 3d, got '{text}'");
    }

    /// <summary>A duration, or <c>never</c> (returned as <see cref="TimeSpan.MaxValue"/>).</summary>
    public TimeSpan DurationOrNever(YamlNode node, string key) =>
        node is YamlScalarNode { Value: "never" } ? TimeSpan.MaxValue : Duration(node, key);

    public long Size(YamlNode node, string key)
    {
        var text = String(node, key);
        return Core.Units.ByteSize.TryParse(text, out var value) && value > 0
            ? value
            : throw Error(node, key, $"expected a size such as 512MiB or 16GiB, got '{text}'");
    }

    public decimal Money(YamlNode node, string key)
    {
        var text = String(node, key);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Error(node, key, $"expected an amount such as 25 or 0.04, got '{text}'");
    }

    public Uri AbsoluteUri(YamlNode node, string key, params string[] schemes)
    {
        var text = String(node, key);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
            throw Error(node, key, $"expected an absolute {string.Join(" or ", schemes.Select(s => s + "://"))} address, got '{text}'");
        return uri;
    }

    /// <summary>The entries of a mapping; a key not in <paramref name="known"/> is an error listing the known ones.</summary>
    public IEnumerable<(string Key, YamlNode Value, string Path)> Entries(YamlMappingNode mapping, string path, IReadOnlyCollection<string> known)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var full = path.Length == 0 ? key : $"{path}.{key}";
            if (!known.Contains(key))
                throw Error(keyNode, full, $"unknown key (expected one of: {string.Join(", ", known)})");
            yield return (key, value, full);
        }
    }

    /// <summary>
    /// A secret: <c>env:VAR</c> (from the server's environment), <c>file:PATH</c> (a file's content,
    /// trailing newlines dropped; relative paths are relative to the configuration file) or the value itself.
    /// </summary>
    public SecretValue Secret(YamlNode node, string key, Func<string, string?> getVariable)
    {
        var text = String(node, key);
        if (text.StartsWith("env:", StringComparison.Ordinal))
        {
            var variable = text[4..];
            return getVariable(variable) is { Length: > 0 } value
                ? new SecretValue(value, text)
                : throw Error(node, key, $"environment variable {variable} is not set or empty");
        }
        if (text.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(text[5..], Path.GetDirectoryName(Path.GetFullPath(file))!);
            try
            {
                var value = File.ReadAllText(path).TrimEnd('\r', '\n');
                return value.Length > 0 ? new SecretValue(value, $"file:{path}") : throw Error(node, key, $"{path} is empty");
            }
            catch (IOException exception)
            {
                throw Error(node, key, $"cannot read {path}: {exception.Message}");
            }
            catch (UnauthorizedAccessException)
            {
                throw Error(node, key, $"cannot read {path}: permission denied");
            }
        }
        return new SecretValue(text, "inline");
    }
}
