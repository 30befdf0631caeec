/// Where a grant applies: the holder's clinic, the holder's own records, or anywhere.
///
/// The product is multi-tenant, so most grants are clinic-scoped; `self` exists for patients,
/// who act only on their own records.
public enum GrantScope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case clinic
    case own = "self"
    case global

    public static func < (lhs: GrantScope, rhs: GrantScope) -> Bool { lhs.rawValue < rhs.rawValue }
}
