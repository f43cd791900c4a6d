using Skiff.Core.Units;

namespace Skiff.Core.Budgets;

/// <summary>Admits an environment to run if the host's limits leave room for it; suspended environments do not count.</summary>
public static class CapacityGate
{
    /// <param name="running">Environments running now (not counting the one asking).</param>
    /// <param name="reservedMemoryBytes">The sum of the memory limits of those environments.</param>
    /// <param name="requestedMemoryBytes">The memory limit of the one asking.</param>
    public static Admission Admit(CapacityLimits limits, int running, long reservedMemoryBytes, long requestedMemoryBytes)
    {
        if (limits.MaxRunning is { } maxRunning && running >= maxRunning)
            return new Admission(false, $"{running} of at most {maxRunning} environments are running (capacity.maxRunning)");

        if (limits.MaxReservedMemoryBytes is { } maxMemory)
        {
            if (requestedMemoryBytes > maxMemory)
                return new Admission(false, $"it needs {ByteSize.Format(requestedMemoryBytes)} of memory, more than the {ByteSize.Format(maxMemory)} all environments may reserve (capacity.maxReservedMemory)");
            if (reservedMemoryBytes + requestedMemoryBytes > maxMemory)
                return new Admission(false, $"running environments reserve {ByteSize.Format(reservedMemoryBytes)} of {ByteSize.Format(maxMemory)} memory and it needs {ByteSize.Format(requestedMemoryBytes)} (capacity.maxReservedMemory)");
        }
        return Admission.Yes;
    }
}
