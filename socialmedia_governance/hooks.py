app_name = "socialmedia_governance"
app_title = "Social Media Governance"
app_publisher = "socialmedia_governance developers"
app_description = "Governance of a university's official social-media accounts and chat groups"
app_email = "dev@socialmedia-governance.local"
app_license = "mit"
required_apps = []

export_python_type_annotations = True
