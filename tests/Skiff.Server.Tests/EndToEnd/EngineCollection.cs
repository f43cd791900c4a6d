namespace Skiff.Server.Tests.EndToEnd;

/// <summary>Tests that deploy the example share one collection, so they run one after another on this small host.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection
{
    public const string Name = "engine";
}
