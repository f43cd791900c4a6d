using System.Text;
using Docker.DotNet.Models;
using Skiff.Runtime.Docker.Engine;

namespace Skiff.Runtime.Docker.Build;

/// <summary>
/// Reads the JSON progress messages of <c>POST /build</c>: passes each output line on, keeps the last
/// lines and the current step, and notices an error reported in the stream (the HTTP status is 200
/// by then, on Docker and Podman alike).
/// </summary>
/// <remarks>
/// Docker.DotNet calls <see cref="Report"/> synchronously from its reading loop, so the lines arrive
/// in order. (A <see cref="Progress{T}"/> would post them to the thread pool and reorder them.)
/// </remarks>
internal sealed class BuildOutputCollector(IProgress<string>? output, int tailLength = 30) : IProgress<JSONMessage>
{
    private readonly Queue<string> _tail = new();
    private readonly StringBuilder _partial = new();

    /// <summary>The first error the engine reported, on one line.</summary>
    public string? Error { get; private set; }

    /// <summary>The last step header seen: Docker writes "Step 2/5 : RUN ...", Podman (buildah) "STEP 2/5: RUN ...".</summary>
    public string? CurrentStep { get; private set; }

    public IReadOnlyList<string> Tail => [.. _tail];

    public void Report(JSONMessage value)
    {
        if (!string.IsNullOrEmpty(value.Stream))
            AppendText(value.Stream);
        else if (!string.IsNullOrEmpty(value.Status) && value.Progress is null)
            AddLine(string.IsNullOrEmpty(value.ID) ? value.Status : $"{value.ID}: {value.Status}");

        // Both engines send {"error": "...", "errorDetail": {"message": "..."}}; Docker.DotNet maps errorDetail.
        if (value.Error?.Message is { Length: > 0 } message)
        {
            Complete();
            var line = EngineErrors.OneLine(message);
            Error ??= line;
            AddLine($"ERROR: {line}");
        }
    }

    /// <summary>Passes on a last line that had no newline.</summary>
    public void Complete()
    {
        if (_partial.Length == 0)
            return;
        AddLine(_partial.ToString());
        _partial.Clear();
    }

    /// <summary>Adds a line that did not come from the engine's stream (e.g. an HTTP error).</summary>
    public void AddLine(string line)
    {
        line = line.TrimEnd('\r');
        if (line.StartsWith("Step ", StringComparison.Ordinal) || line.StartsWith("STEP ", StringComparison.Ordinal))
            CurrentStep = line;
        _tail.Enqueue(line);
        while (_tail.Count > tailLength)
            _tail.Dequeue();
        output?.Report(line);
    }

    /// <summary>A message naming the image, the failing step and the engine's error.</summary>
    public string FailureMessage(string tag, string error) =>
        CurrentStep is null ? $"cannot build image {tag}: {error}" : $"cannot build image {tag} at {CurrentStep}: {error}";

    private void AppendText(string text)
    {
        foreach (var c in text)
        {
            if (c == '\n')
            {
                AddLine(_partial.ToString());
                _partial.Clear();
            }
            else
            {
                _partial.Append(c);
            }
        }
    }
}
