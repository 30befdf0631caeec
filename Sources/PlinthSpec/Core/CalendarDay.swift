/// Expiry dates in the spec (guardrail waivers, scan exceptions) are calendar days written
/// YYYY-MM-DD: readable in review, and they compare correctly as text.
public enum CalendarDay {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, Int(parts[0]) != nil,
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
