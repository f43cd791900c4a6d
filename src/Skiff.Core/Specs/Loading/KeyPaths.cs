namespace Skiff.Core.Specs.Loading;

/// <summary>Builds key paths such as <c>services.web.ports[0]</c>.</summary>
internal static class KeyPaths
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
