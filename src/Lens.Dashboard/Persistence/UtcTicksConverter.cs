using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lens.Dashboard.Persistence;

/// <summary>
/// Stores a DateTimeOffset as its exact UTC ticks. EF's binary converter keeps only 100 µs precision, so a
/// time read back would not equal the one written, and "is this the same stage start?" would lie.
/// Every time here is UTC, so no offset is lost.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
