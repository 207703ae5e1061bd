namespace InvitationKit.Testing.Conformance;

/// <summary>
/// Put on a conformance test class whose database may be absent (a developer laptop without PostgreSQL): every
/// <see cref="StoreFactAttribute"/> test of the class is then reported as skipped with the availability's reason.
/// </summary>
/// <param name="availability">A type implementing <see cref="IStoreAvailability"/> with a parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StoreAvailabilityAttribute(Type availability) : Attribute
{
    /// <summary>The availability type.</summary>
    public Type Availability { get; } = availability;
}
