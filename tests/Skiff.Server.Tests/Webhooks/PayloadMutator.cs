using System.Text.Json.Nodes;

namespace Skiff.Server.Tests.Webhooks;

/// <summary>Changes one random place of a JSON document: deletes a field, or puts a value of another type, size or alphabet there.</summary>
internal static class PayloadMutator
{
    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => JsonValue.Create(1099511627776L),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(1.5e300),
        _ => JsonValue.Create(true),
        _ => JsonValue.Create(""),
        r => JsonValue.Create(new string('x', 1000 + r.Next(100_000))),
        _ => JsonValue.Create("😀\u202Eevil\u0000\u001b[31m"),
        _ => JsonValue.Create("\ud800"),
        _ => new JsonArray(1, "two", null),
        _ => new JsonObject { ["unexpected"] = "object" },
        _ => JsonValue.Create("1099511627776"),
    ];

    public static void Mutate(JsonNode root, Random random)
    {
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, places);
        if (places.Count == 0)
            return;
        var (parent, key, index) = places[random.Next(places.Count)];
        var delete = random.Next(3) == 0;
        var value = Values[random.Next(Values.Length)](random);
        switch (parent)
        {
            case JsonObject obj when delete:
                obj.Remove(key!);
                break;
            case JsonObject obj:
                obj[key!] = value;
                break;
            case JsonArray array when delete:
                array.RemoveAt(index);
                break;
            case JsonArray array:
                array[index] = value;
                break;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    places.Add((obj, key, -1));
                    if (child is not null)
                        Collect(child, places);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, null, i));
                    if (array[i] is { } child)
                        Collect(child, places);
                }
                break;
        }
    }
}
