using System.Text;
using Skiff.Core.Hashing;
using Skiff.Core.Runtime;

namespace Skiff.Core.Deploy;

/// <summary>
/// The steps a Dockerfile runs before it first copies from its context (FROM, RUN, ENV, ARG, ...):
/// two builds with the same prefix and the same build args produce the same first layers.
/// </summary>
internal static class DockerfilePrefix
{
    /// <summary>A key equal for builds whose first layers do the same work; null when the Dockerfile cannot be read or runs nothing before its first COPY.</summary>
    public static string? KeyOf(ImageBuildRequest? build)
    {
        if (build is null)
            return null;
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(build.Context, build.Dockerfile));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var prefix = new StringBuilder();
        var runs = 0;
        foreach (var instruction in Instructions(text))
        {
            var keyword = instruction.Split(' ', 2)[0].ToUpperInvariant();
            if (keyword is "COPY" or "ADD" or "ONBUILD")
                break;
            if (keyword == "RUN")
                runs++;
            prefix.Append(instruction).Append('\n');
        }
        // Without a RUN step there is no shared work to wait for: such builds stay parallel.
        if (runs == 0)
            return null;
        foreach (var (name, value) in build.Args)
            prefix.Append("arg ").Append(name).Append('=').Append(value).Append('\n');
        return ContentHash.OfText(prefix.ToString());
    }

    /// <summary>Instructions with line continuations joined, comments and blank lines dropped, whitespace normalised.</summary>
    private static IEnumerable<string> Instructions(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
                continue;
            var continued = line.EndsWith('\\');
            current.Append(continued ? line[..^1] : line).Append(' ');
            if (continued)
                continue;
            var instruction = string.Join(' ', current.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            current.Clear();
            if (instruction.Length > 0)
                yield return instruction;
        }
        if (current.Length > 0)
            yield return string.Join(' ', current.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
