using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary><c>command</c>, <c>entrypoint</c> and seed commands: a list of words, or a string split as a shell would.</summary>
internal static class CommandReader
{
    /// <summary>The words; null for a null value (keep the image's) or an error.</summary>
    public static ImmutableArray<string>? Read(YNode node, string path, ReadContext context)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return null;
            case YScalar scalar:
                var words = ShellWords.Split(scalar.Value, out var error);
                if (words is null)
                    context.Diagnostics.Error(scalar, path, $"cannot split the command into words: {error}; close the quote or give the command as a list");
                return words;
            case YSequence:
                return context.Read.StringList(node, path);
            default:
                context.Diagnostics.Error(node, path, $"expected a command string or a list of words, found {node.Describe()}");
                return null;
        }
    }
}
