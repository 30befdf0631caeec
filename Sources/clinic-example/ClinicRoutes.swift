import Hummingbird
import PlinthAuth

/// The example's routes, apart from `main.swift` so the tests drive exactly what the executable
/// serves: every clinic route verifies the bearer token, then checks its permission in-process.
enum ClinicRoutes {
    static func router(verifier: TokenVerifier, enforcer: PolicyEnforcer) -> Router<PlinthRequestContext> {
        let router = Router(context: PlinthRequestContext.self)
        router.get("health/live") { _, _ in "ok" }
        let clinic = router.group("clinics/{clinicID}").add(middleware: BearerTokenMiddleware(verifier: verifier))
        clinic.group("settings")
            .add(middleware: enforcer.require("clinic_settings:read", scope: .clinic(parameter: "clinicID")))
            .get { _, context in "settings of clinic \(context.parameters.get("clinicID") ?? "")" }
        clinic.group("patients/{patientID}/record")
            .add(middleware: enforcer.require("patient_record:read", scope: .owner(parameter: "patientID", clinicParameter: "clinicID")))
            .get { _, context in "record of patient \(context.parameters.get("patientID") ?? "")" }
        clinic.group("patients/{patientID}/record")
            .add(middleware: enforcer.require("patient_record:write", scope: .owner(parameter: "patientID", clinicParameter: "clinicID")))
            .put { _, _ in Response(status: .noContent) }
        return router
    }
}
