namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Applies <see cref="Interpolation"/> to every scalar value of a tree (never to keys). Extension
/// blocks (<c>x-*</c> keys other than <c>x-skiff</c>) are left alone: Skiff ignores them, so their
/// variables need not be set.
/// </summary>
internal static class NodeInterpolator
{
    public static YNode Apply(YNode node, VariableScope scope, Diagnostics diagnostics, string path = "") => node switch
    {
        YScalar scalar => ApplyScalar(scalar, scope, diagnostics, path),
        YSequence sequence => sequence with
        {
            Items = [.. sequence.Items.Select((item, i) => Apply(item, scope, diagnostics, KeyPaths.Item(path, i)))],
        },
        YMapping mapping => mapping with
        {
            Entries = [.. mapping.Entries.Select(e => IsIgnoredExtension(e.Key.Value)
                ? e
                : e with { Value = Apply(e.Value, scope, diagnostics, KeyPaths.Child(path, e.Key.Value)) })],
        },
        _ => node,
    };

    public static bool IsIgnoredExtension(string key) => key.StartsWith("x-", StringComparison.Ordinal) && key != "x-skiff";

    private static YScalar ApplyScalar(YScalar scalar, VariableScope scope, Diagnostics diagnostics, string path)
    {
        if (scalar.IsNull || !Interpolation.NeedsExpansion(scalar.Value))
            return scalar;
        var outcome = Interpolation.Apply(scalar.Value, scope.Get);
        foreach (var name in outcome.UnsetVariables)
            diagnostics.Warn(scalar, path, $"variable '{name}' is not set; using an empty string (set it, or give a default with ${{{name}:-default}})");
        if (outcome.Error is not null)
        {
            diagnostics.Error(scalar, path, outcome.Error);
            return scalar.WithValue("");
        }
        return scalar.WithValue(outcome.Value!);
    }
}
